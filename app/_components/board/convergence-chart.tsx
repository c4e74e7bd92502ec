'use client';

import { useId, useMemo, useState } from 'react';
import type { BoardRun, CurvePoint } from '@/lib/protocol/board';
import { UplotFigure } from '../charts/uplot-figure';
import { BoardLegend } from './board-legend';
import { RunTooltip } from './run-tooltip';
import { useConvergencePlot, type HoverHit, type PlotInput } from './use-convergence-plot';
import { useFillHeight } from './use-fill-height';

interface Props {
  runs: BoardRun[];
  /** Validation curves by run id, as the board snapshot and its deltas carry them. */
  curves: Record<string, CurvePoint[]>;
  highlightedRunId?: string | null;
  onSelect?: (runId: string) => void;
  /** Lecture-hall mode: larger axis type, thicker medians, larger controls. */
  projector?: boolean;
  /** Plot height in CSS pixels. */
  height?: number;
  /** When set, the plot instead fills the window down to this many CSS px above its bottom edge. */
  fillBelowPx?: number;
}

/** The least a filling plot shrinks to, so a short window still shows a readable chart. */
const MIN_FILL_HEIGHT_PX = 240;

const MAX_SMOOTHING = 0.95;
/** Validation points are noisy per run; 0.6 shows the trend without hiding where a curve flattens. */
const DEFAULT_SMOOTHING = 0.6;

/**
 * Every run's validation loss (bits per token) against training step on one chart, coloured by
 * cell, with each cell's median and interquartile band on top. Hover names the nearest run; clicking
 * it selects that run. Built for a whole class: see useConvergencePlot for how updates stay cheap.
 */
export function ConvergenceChart({
  runs,
  curves,
  highlightedRunId = null,
  onSelect,
  projector = false,
  height = 360,
  fillBelowPx,
}: Props) {
  const fill = useFillHeight(fillBelowPx !== undefined, fillBelowPx ?? 0, MIN_FILL_HEIGHT_PX);
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const [logY, setLogY] = useState(false);
  const [hover, setHover] = useState<HoverHit | null>(null);
  const ids = useId();
  const emphasisId = hover?.runId ?? highlightedRunId;
  const input = useMemo<PlotInput>(
    () => ({ runs, curves, smoothing, emphasisId }),
    [runs, curves, smoothing, emphasisId],
  );
  const containerRef = useConvergencePlot({
    input,
    logY,
    projector,
    height: fill.height ?? height,
    onHover: setHover,
    onSelect,
  });
  const drawn = runs.reduce((n, r) => n + ((curves[r.runId]?.length ?? 0) > 0 ? 1 : 0), 0);
  const hovered = hover ? runs.find((r) => r.runId === hover.runId) : undefined;
  const controlText = projector ? 'text-lg' : 'text-sm';

  return (
    <div className="flex flex-col gap-2">
      <div className={`flex flex-wrap items-center gap-x-6 gap-y-2 text-slate-300 ${controlText}`}>
        <div className="flex items-center gap-2">
          <label htmlFor={`${ids}-smooth`}>Smoothing</label>
          <input
            id={`${ids}-smooth`}
            type="range"
            min={0}
            max={MAX_SMOOTHING}
            step={0.05}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
            className="accent-sky-400"
          />
          <output htmlFor={`${ids}-smooth`} className="w-10 tabular-nums">
            {smoothing.toFixed(2)}
          </output>
        </div>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={logY}
            onChange={(e) => setLogY(e.target.checked)}
            className="accent-sky-400"
          />
          Log scale
        </label>
        <BoardLegend projector={projector} describeLines />
      </div>
      <div ref={fill.ref}>
        <UplotFigure
          label="Validation loss of every run per training step"
          testId="convergence-chart"
          hints={{ 'data-runs': drawn }}
          containerRef={containerRef}
          emptyText={drawn === 0 ? 'No validation points yet.' : null}
          captionClassName="sr-only"
        >
          {`${drawn} runs drawn; bold lines are each cell's median.`}
        </UplotFigure>
      </div>
      {hovered && hover && (
        <RunTooltip run={hovered} clientX={hover.clientX} clientY={hover.clientY} projector={projector} />
      )}
    </div>
  );
}
