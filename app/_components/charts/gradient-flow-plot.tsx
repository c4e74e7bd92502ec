'use client';

import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { gradientPlotData, type GradientCurve, type GradientPlotData } from './gradient-data';
import { decadeTicks, formatPow10, pow10 } from './log-scale';
import { UplotFigure } from './uplot-figure';
import { stepAxis, themedAxis, useUplot } from './use-uplot';

export type { GradientCurve } from './gradient-data';

interface Props {
  curves: GradientCurve[];
  /** Plot height in CSS pixels (legend excluded). */
  height?: number;
}

const MAX_Y_TICKS = 8;
const MARKER_RADIUS_PX = 4;

/** Down-pointing triangles on the floor where a curve is exactly zero, in that curve's colour. */
function drawZeroMarkers(u: uPlot, plot: GradientPlotData) {
  const ctx = u.ctx;
  const r = MARKER_RADIUS_PX * uPlot.pxRatio;
  const cy = u.valToPos(plot.domain.floor, 'y', true);
  ctx.save();
  plot.clamped.forEach((flags, i) => {
    const series = u.series[i + 1];
    if (!series?.show) return;
    ctx.fillStyle = String(series.stroke instanceof Function ? series.stroke(u, i + 1) : series.stroke);
    flags.forEach((isZero, k) => {
      if (!isZero) return;
      const cx = u.valToPos(k, 'x', true);
      ctx.beginPath();
      ctx.moveTo(cx - r, cy - 2 * r);
      ctx.lineTo(cx + r, cy - 2 * r);
      ctx.lineTo(cx, cy);
      ctx.closePath();
      ctx.fill();
    });
  });
  ctx.restore();
}

function buildOptions(
  curves: readonly GradientCurve[],
  plotRef: { current: GradientPlotData },
): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    scales: {
      // Reversed so time runs left to right as in the text: the last step (0 back) sits at the right.
      x: { time: false, dir: -1 },
      y: {
        distr: 3,
        log: 10,
        range: () => [pow10(plotRef.current.domain.minExp), pow10(plotRef.current.domain.maxExp)],
      },
    },
    axes: [
      stepAxis('time steps back (0 = last step, at right)'),
      {
        ...themedAxis('gradient norm (log)'),
        size: 64,
        splits: () => decadeTicks(plotRef.current.domain.minExp, plotRef.current.domain.maxExp, MAX_Y_TICKS),
        // uPlot's default log filter blanks ticks it does not find round; these are all decades.
        filter: (_u, splits) => splits,
        values: (_u, splits) => splits.map(formatPow10),
      },
    ],
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'steps back', value: (_u, v) => (v === null || v === undefined ? '–' : String(v)) },
      ...curves.map<uPlot.Series>((c, i) => ({
        label: c.label,
        stroke: c.color,
        width: 2,
        points: { show: false },
        value: (_u, v, _s, idx) => {
          if (v === null || v === undefined) return '–';
          return idx !== null && plotRef.current.clamped[i]?.[idx] ? '0' : v.toExponential(2);
        },
      })),
    ],
    hooks: { draw: [(u) => drawZeroMarkers(u, plotRef.current)] },
  };
}

/**
 * Gradient norm against how many time steps back the input was, on a log axis that spans as many
 * decades as the data needs. Exact zeros are drawn on a floor one decade below the smallest value
 * and marked with ▼, since log(0) has no place on the axis.
 */
export function GradientFlowPlot({ curves, height = 280 }: Props) {
  const plot = useMemo(() => gradientPlotData(curves), [curves]);
  const data = useMemo<uPlot.AlignedData>(() => [plot.x, ...plot.ys], [plot]);
  const plotRef = useRef(plot);
  // Before useUplot's own effects, so its setData redraws with this plot's domain and markers.
  useEffect(() => {
    plotRef.current = plot;
  }, [plot]);
  const containerRef = useUplot({
    options: () => buildOptions(curves, plotRef),
    data,
    structureKey: curves.map((c) => `${c.id}\u0000${c.label}\u0000${c.color}`).join('\u0001'),
    height,
  });
  const zeros = plot.clamped.reduce((n, flags) => n + flags.filter(Boolean).length, 0);
  const { minPositive, max } = plot.domain;

  return (
    <UplotFigure
      label="Gradient norm by time steps back"
      testId="gradient-flow"
      hints={{
        'data-points': plot.count,
        'data-min': minPositive ?? undefined,
        'data-max': max ?? undefined,
        'data-zeros': zeros,
      }}
      containerRef={containerRef}
      emptyText={plot.count === 0 ? 'No gradients measured yet.' : null}
      captionClassName="mt-1 text-xs text-slate-400"
    >
      How much the loss at the last step still depends on each earlier input. Older steps are further left.
      {zeros > 0 && (
        <> ▼ marks an exact zero: the gradient underflowed and is drawn at {formatPow10(plot.domain.floor)}.</>
      )}
      {minPositive !== null && max !== null && (
        <span className="sr-only">
          {' '}
          Largest {max.toExponential(2)}, smallest non-zero {minPositive.toExponential(2)}.
        </span>
      )}
    </UplotFigure>
  );
}
