'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { CellMarker, traceMarker } from '../board/cell-marker';
import { gradientPlotData, type GradientCurve, type GradientPlotData } from './gradient-data';
import { decadeTicks, formatPow10, pow10 } from './log-scale';
import { UplotFigure } from './uplot-figure';
import { stepAxis, themedAxis, useUplot } from './use-uplot';

export type { GradientCurve } from './gradient-data';

interface Props {
  /** In start order; at most one has `current` set. */
  curves: GradientCurve[];
  /** Plot height in CSS pixels (legend excluded). */
  height?: number;
}

const MAX_Y_TICKS = 8;
const ZERO_MARKER_PX = 4;
/** Cell markers along each line (CSS px radius), about this many per curve, staggered between curves. */
const LINE_MARKER_PX = { current: 5, earlier: 4 };
const MARKERS_PER_CURVE = 6;

/** Down-pointing triangles on the floor where a curve is exactly zero, in that curve's colour. */
function drawZeroMarkers(u: uPlot, plot: GradientPlotData, curves: readonly GradientCurve[]) {
  const ctx = u.ctx;
  const r = ZERO_MARKER_PX * uPlot.pxRatio;
  const cy = u.valToPos(plot.domain.floor, 'y', true);
  ctx.save();
  plot.clamped.forEach((flags, i) => {
    ctx.fillStyle = curves[i]?.color ?? 'transparent';
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

/**
 * Each curve's cell marker (RNN circle, LSTM square, GRU triangle) every few steps back, offset per
 * curve so markers of overlapping curves do not sit on top of each other.
 */
function drawLineMarkers(u: uPlot, plot: GradientPlotData, curves: readonly GradientCurve[]) {
  const ctx = u.ctx;
  const every = Math.max(2, Math.ceil(plot.x.length / MARKERS_PER_CURVE));
  ctx.save();
  curves.forEach((curve, i) => {
    const ys = plot.ys[i] ?? [];
    const r = (curve.current ? LINE_MARKER_PX.current : LINE_MARKER_PX.earlier) * uPlot.pxRatio;
    ctx.fillStyle = curve.color;
    ctx.strokeStyle = '#0f172a';
    ctx.lineWidth = uPlot.pxRatio;
    const offset = Math.round((i * every) / Math.max(curves.length, 1));
    for (let k = offset; k < ys.length; k += every) {
      const v = ys[k];
      if (v === null) continue;
      traceMarker(ctx, curve.cell, u.valToPos(k, 'x', true), u.valToPos(v, 'y', true), r);
      ctx.fill();
      ctx.stroke();
    }
  });
  ctx.restore();
}

function buildOptions(
  curves: readonly GradientCurve[],
  plotRef: { current: GradientPlotData },
  onCursor: (idx: number | null) => void,
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
    // The legend below is the component's own: uPlot's draws every run as the same square.
    legend: { show: false },
    series: [
      {},
      ...curves.map<uPlot.Series>((c) => ({
        label: c.label,
        stroke: c.color,
        width: c.width,
        dash: c.dash,
        points: { show: false },
      })),
    ],
    hooks: {
      draw: [(u) => drawLineMarkers(u, plotRef.current, curves), (u) => drawZeroMarkers(u, plotRef.current, curves)],
      setCursor: [(u) => onCursor(u.cursor.idx ?? null)],
    },
  };
}

/** A run's line and marker as in the plot, for the legend. */
function Swatch({ curve }: { curve: GradientCurve }) {
  return (
    <svg aria-hidden width={34} height={14} className="shrink-0" overflow="visible">
      <line
        x1={1}
        x2={33}
        y1={7}
        y2={7}
        stroke={curve.color}
        strokeWidth={curve.width}
        strokeDasharray={curve.dash?.join(' ')}
      />
      <CellMarker cell={curve.cell} cx={17} cy={7} r={4.5} fill={curve.color} stroke="#0f172a" strokeWidth={1} />
    </svg>
  );
}

function formatNorm(v: number | null | undefined, clamped: boolean): string {
  if (v === null || v === undefined) return '–';
  return clamped ? '0' : v.toExponential(2);
}

/**
 * Gradient norm against how many time steps back the input was, on a log axis that spans as many
 * decades as the data needs. Exact zeros are drawn on a floor one decade below the smallest value
 * and marked with ▼, since log(0) has no place on the axis. Each run keeps its cell's colour and marker
 * and its own dash; the current run is solid, thicker and drawn on top.
 */
export function GradientFlowPlot({ curves, height = 280 }: Props) {
  // uPlot paints series in order: earlier runs first, the current one on top.
  const ordered = useMemo(() => [...curves.filter((c) => !c.current), ...curves.filter((c) => c.current)], [curves]);
  const plot = useMemo(() => gradientPlotData(ordered), [ordered]);
  const data = useMemo<uPlot.AlignedData>(() => [plot.x, ...plot.ys], [plot]);
  const plotRef = useRef(plot);
  const [cursor, setCursor] = useState<number | null>(null);
  // Before useUplot's own effects, so its setData redraws with this plot's domain and markers.
  useEffect(() => {
    plotRef.current = plot;
  }, [plot]);
  const containerRef = useUplot({
    options: () => buildOptions(ordered, plotRef, setCursor),
    data,
    structureKey: ordered
      .map((c) => [c.id, c.label, c.color, c.dash?.join(' '), c.width, c.cell].join('\u0000'))
      .join('\u0001'),
    height,
  });
  const zeros = plot.clamped.reduce((n, flags) => n + flags.filter(Boolean).length, 0);
  const { minPositive, max } = plot.domain;

  return (
    <div className="flex flex-col gap-2">
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
      <ul
        aria-label="Runs on the gradient chart"
        data-testid="gradient-legend"
        className="m-0 flex list-none flex-wrap gap-x-5 gap-y-1 px-3 py-0 text-sm text-slate-300"
      >
        {curves.map((curve) => {
          const i = ordered.indexOf(curve);
          return (
            <li
              key={curve.id}
              data-current={curve.current}
              data-dash={curve.dash?.join(' ') ?? 'solid'}
              className={`flex items-center gap-2 ${curve.current ? 'font-semibold text-slate-50' : ''}`}
            >
              <Swatch curve={curve} />
              {curve.label}
              {cursor !== null && (
                <span className="tabular-nums text-slate-400">
                  {cursor} back: {formatNorm(plot.ys[i]?.[cursor], plot.clamped[i]?.[cursor] ?? false)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
