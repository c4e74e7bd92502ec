'use client';

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { linearTicks } from '../board/scales';
import {
  alignLoss,
  logLossRange,
  lossRange,
  lossSeries,
  seriesKey,
  type LossMetric,
  type LossRun,
  type LossSeries,
} from './loss-data';
import { UplotFigure } from './uplot-figure';
import { stepAxis, themedAxis, useUplot } from './use-uplot';

export type { LossMetric, LossPoint, LossRun } from './loss-data';

interface Props {
  runs: LossRun[];
  metric: LossMetric;
  logY?: boolean;
  /** Plot height in CSS pixels (legend excluded). */
  height?: number;
}

const VAL_DASH = [6, 4];
/** Labelled ticks on a fitted log axis: evenly spaced round values (1, 2, 3… or 1.2, 1.4…), not decades. */
const LOG_TICKS = 5;

function formatLoss(v: number | null): string {
  return v === null || v === undefined ? '–' : v.toFixed(3);
}

function buildOptions(series: readonly LossSeries[], logY: boolean): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    scales: {
      x: { time: false },
      // Fitted to the data (lossRange, logLossRange), read from the chart's own data on every update.
      y: logY
        ? {
            distr: 3,
            log: 10,
            range: (u, min, max) => logLossRange(u.data.slice(1) as (number | null)[][]) ?? [min, max],
          }
        : { range: (u, min, max) => lossRange(u.data.slice(1) as (number | null)[][]) ?? [min, max] },
    },
    axes: [
      stepAxis('training step'),
      {
        ...themedAxis('loss (bits / token)'),
        size: 60,
        ...(logY
          ? {
              splits: (u: uPlot) => linearTicks(u.scales.y.min ?? 1, u.scales.y.max ?? 10, LOG_TICKS),
              filter: (_u: uPlot, splits: number[]) => splits,
            }
          : {}),
      },
    ],
    // Zooming by drag would be undone by the next live update, so it is off.
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'step', value: (_u, v) => (v === null || v === undefined ? '–' : String(v)) },
      ...series.map<uPlot.Series>((s) => ({
        label: s.label,
        stroke: s.color,
        width: s.muted ? 1 : 2,
        dash: s.metric === 'valLoss' ? VAL_DASH : undefined,
        spanGaps: true,
        points: { show: s.metric === 'valLoss' && !s.muted, size: 5, fill: s.color },
        value: (_u, v) => formatLoss(v),
      })),
    ],
  };
}

/** The last value of the first current (non-muted) run's first series, for the screen-reader summary. */
function latestSummary(runs: readonly LossRun[], series: readonly LossSeries[]): string | null {
  const current = series.find((s) => !s.muted);
  const run = current && runs.find((r) => r.id === current.runId);
  if (!current || !run) return null;
  const last = [...run.points].reverse().find((p) => p[current.metric] !== undefined);
  const v = last?.[current.metric];
  return last && v !== undefined ? `${current.label}: ${formatLoss(v)} bits per token at step ${last.step}` : null;
}

/**
 * Loss in bits per token against training step, one line per run (and per metric with `both`).
 * Earlier runs are grey and thin underneath; validation lines are dashed. A linear axis is fitted to the
 * data (lossRange): the first steps' high losses run off the top so that the rest of training is readable.
 * A log axis (`logY`) shows whole curves, fitted to them too (logLossRange), with round ticks in between.
 */
export function LossChart({ runs, metric, logY = false, height = 280 }: Props) {
  const series = useMemo(() => lossSeries(runs, metric), [runs, metric]);
  const aligned = useMemo(() => alignLoss(runs, series, logY), [runs, series, logY]);
  const data = useMemo<uPlot.AlignedData>(() => [aligned.x, ...aligned.ys], [aligned]);
  const containerRef = useUplot({
    options: () => buildOptions(series, logY),
    data,
    structureKey: `${seriesKey(series)}|${logY}`,
    height,
  });
  const summary = latestSummary(runs, series);

  return (
    <UplotFigure
      label="Loss per training step"
      testId="loss-chart"
      hints={{ 'data-points': aligned.count }}
      containerRef={containerRef}
      emptyText={aligned.count === 0 ? 'No loss logged yet.' : null}
      captionClassName="sr-only"
    >
      {summary}
    </UplotFigure>
  );
}
