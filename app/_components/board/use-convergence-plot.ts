'use client';

import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CurvePoint } from '@/lib/protocol/board';
import { CELLS, type Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { roundLogTicks } from '../charts/log-scale';
import { stepAxis, themedAxis } from '../charts/use-uplot';
import { convergenceData, createConvergenceCache, nearestSeries, type ConvergenceData } from './convergence-data';
import { CELL_CAP, CELL_DASH, drawMedianLabels, LABEL_GUTTER_PX, runAlphaHex } from './median-marks';

export interface PlotInput {
  runs: readonly { runId: string; cell: Cell }[];
  curves: Readonly<Record<string, readonly CurvePoint[]>>;
  smoothing: number;
  /** Drawn thick and opaque on top (hover wins over selection). */
  emphasisId: string | null;
}

/** The run nearest the cursor and where the cursor is, in viewport pixels (for a fixed tooltip). */
export interface HoverHit {
  runId: string;
  clientX: number;
  clientY: number;
}

interface Options {
  input: PlotInput;
  logY: boolean;
  projector: boolean;
  height: number;
  /** Nearest run under the cursor, or null when none is near. */
  onHover: (hit: HoverHit | null) => void;
  onSelect?: (runId: string) => void;
}

/** A cursor this far (CSS px) from every curve hovers nothing, so empty areas stay quiet. */
const HOVER_RADIUS_PX = 14;
/** Alpha suffix of the bands: they tint each cell's middle half over the runs (see runAlphaHex). */
const BAND_ALPHA = '40';
/** Medians get a dark outline so they stay legible over a cloud of their own colour. */
const HALO_COLOR = '#020617';

/** Axis type readable from the back of a lecture hall. */
const PROJECTOR_FONTS = {
  font: '18px ui-sans-serif, system-ui, sans-serif',
  labelFont: '18px ui-sans-serif, system-ui, sans-serif',
};

const line = (stroke: uPlot.Series['stroke'], width: number): uPlot.Series => ({
  stroke,
  width,
  spanGaps: true,
  points: { show: false },
});

/**
 * uPlot's series, in draw order: per cell its q3 and q1 (band edges, not stroked), per cell a dark
 * halo, per cell its median in the cell's line pattern, then the emphasised run. `emphasisColor` is read at draw time so a hover
 * changes only data, never the options. The runs themselves are not uPlot series: see drawRuns.
 */
function summarySeries(projector: boolean, emphasisColor: () => string): uPlot.Series[] {
  const median = projector ? 5 : 3;
  return [
    ...CELLS.flatMap(() => [line('transparent', 0), line('transparent', 0)]),
    ...CELLS.map(() => line(HALO_COLOR, median + 3)),
    ...CELLS.map((cell) => ({ ...line(CELL_COLORS[cell], median), dash: CELL_DASH[cell], cap: CELL_CAP[cell] })),
    line(emphasisColor, projector ? 4 : 3),
  ];
}

/** Bands fill between each cell's q3 and q1 series, the first series after x. */
const BANDS: uPlot.Band[] = CELLS.map((cell, c) => ({
  series: [1 + 2 * c, 2 + 2 * c],
  fill: CELL_COLORS[cell] + BAND_ALPHA,
}));

/** uPlot data in the layout of summarySeries: x, band edges, halos, medians, emphasis. */
function layout(data: ConvergenceData, emphasis: (number | null)[] | null): uPlot.AlignedData {
  return [
    data.x,
    ...data.bands.flatMap((b) => [b.q3, b.q1]),
    ...data.bands.map((b) => b.median),
    ...data.bands.map((b) => b.median),
    emphasis ?? new Array<null>(data.x.length).fill(null),
  ];
}

/**
 * Draws every run onto the plot area, under the bands and medians (uPlot's drawAxes hook runs between
 * the axes and the series). One canvas path per run, each point mapped once: uPlot's general path
 * building, per series, cost ~17 ms per redraw for 200 runs; this costs a few.
 */
function drawRuns(u: uPlot, data: ConvergenceData, cells: readonly Cell[], projector: boolean): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  ctx.lineWidth = (projector ? 1.5 : 1) * uPlot.pxRatio;
  ctx.lineJoin = 'round';
  const xs = data.x.map((x) => u.valToPos(x, 'x', true));
  const alpha = runAlphaHex(data.runs.length);
  data.runs.forEach((ys, r) => {
    ctx.strokeStyle = CELL_COLORS[cells[r]] + alpha;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i];
      if (y === null) continue;
      const py = u.valToPos(y, 'y', true);
      if (started) ctx.lineTo(xs[i], py);
      else ctx.moveTo(xs[i], py);
      started = true;
    }
    ctx.stroke();
  });
  ctx.restore();
}

/** The y range: uPlot's own from the series it draws, widened to every run, padded as uPlot pads. */
function yRange(logY: boolean, runs: () => [number, number] | null): uPlot.Range.Function {
  return (_u, dataMin, dataMax) => {
    const extent = runs();
    const min = Math.min(extent?.[0] ?? Infinity, dataMin ?? Infinity);
    const max = Math.max(extent?.[1] ?? -Infinity, dataMax ?? -Infinity);
    if (!Number.isFinite(min) || !Number.isFinite(max)) return [logY ? 0.1 : 0, logY ? 10 : 1];
    return logY ? uPlot.rangeLog(min, max, 10, true) : uPlot.rangeNum(min, max, 0.1, true);
  };
}

/**
 * One uPlot instance for the whole class, rebuilt only when the scale, projector mode or height
 * changes: runs are drawn by a hook from the aligned data (drawRuns), so runs joining or leaving are
 * data changes, not new series. Updates are coalesced to at most one setData per animation frame, and
 * the nearest run to the cursor is found in O(runs) from the aligned data. Hover and click go through
 * callbacks.
 */
export function useConvergencePlot({
  input,
  logY,
  projector,
  height,
  onHover,
  onSelect,
}: Options): RefObject<HTMLDivElement | null> {
  const containerRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ input, onHover, onSelect });
  const flush = useRef<() => void>(() => {});
  const frame = useRef(0);

  useEffect(() => {
    latest.current = { input, onHover, onSelect };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const cache = createConvergenceCache();
    let plot: uPlot | null = null;
    let slots: { runId: string; cell: Cell }[] = [];
    let emphasisCell: Cell | null = null;
    let hovered: string | null = null;
    let last: { key: unknown[]; data: ConvergenceData } | null = null;

    const hover = (u: uPlot) => {
      const { left, top, idx } = u.cursor;
      const hit =
        !last || left === undefined || top === undefined || left < 0 || idx === null || idx === undefined
          ? -1
          : nearestSeries(last.data.runs, idx, (v) => u.valToPos(v, 'y'), top, HOVER_RADIUS_PX);
      const runId = hit >= 0 ? slots[hit].runId : null;
      if (runId === null && hovered === null) return;
      hovered = runId;
      const rect = u.over.getBoundingClientRect();
      latest.current.onHover(
        runId !== null && left !== undefined && top !== undefined
          ? { runId, clientX: rect.left + left, clientY: rect.top + top }
          : null,
      );
    };

    const options = (): uPlot.Options => ({
      width: Math.max(container.clientWidth, 1),
      height,
      legend: { show: false },
      padding: [null, projector ? LABEL_GUTTER_PX.projector : LABEL_GUTTER_PX.normal, null, null],
      scales: {
        x: { time: false },
        y: { ...(logY ? { distr: 3, log: 10 } : {}), range: yRange(logY, () => last?.data.yExtent ?? null) },
      },
      axes: [
        { ...stepAxis('training step'), ...(projector ? PROJECTOR_FONTS : {}) },
        {
          ...themedAxis('validation bits / token'),
          size: projector ? 72 : 56,
          ...(projector ? PROJECTOR_FONTS : {}),
          ...(logY ? { filter: (_u: uPlot, splits: number[]) => roundLogTicks(splits) } : {}),
        },
      ],
      // A drag-zoom would be undone by the next live update; hover is ours (nearest run), not uPlot's.
      cursor: { drag: { x: false, y: false }, points: { show: false }, x: false, y: false },
      bands: BANDS,
      series: [{}, ...summarySeries(projector, () => (emphasisCell ? CELL_COLORS[emphasisCell] : 'transparent'))],
      hooks: {
        setCursor: [hover],
        draw: [(u) => last && drawMedianLabels(u, last.data, projector)],
        drawAxes: [
          (u) =>
            last &&
            drawRuns(
              u,
              last.data,
              slots.map((s) => s.cell),
              projector,
            ),
        ],
      },
    });

    const update = () => {
      frame.current = 0;
      const { runs, curves, smoothing, emphasisId } = latest.current.input;
      const columns = Math.round(plot ? plot.bbox.width / uPlot.pxRatio : container.clientWidth);
      // A hover or selection change alone reuses the aligned data: only the emphasis series changes.
      const key = [runs, curves, smoothing, columns];
      if (!last || key.some((k, i) => k !== last?.key[i])) {
        slots = runs.map(({ runId, cell }) => ({ runId, cell }));
        last = { key, data: convergenceData({ slots, curves, smoothing, columns, logY }, cache) };
      }
      const at = slots.findIndex((s) => s.runId === emphasisId);
      emphasisCell = at >= 0 ? slots[at].cell : null;
      const aligned = layout(last.data, at >= 0 ? last.data.runs[at] : null);
      if (plot) {
        plot.setData(aligned);
        return;
      }
      plot = new uPlot(options(), aligned, container);
      plot.over.addEventListener('click', () => {
        if (hovered) latest.current.onSelect?.(hovered);
      });
    };

    flush.current = () => {
      if (frame.current === 0) frame.current = requestAnimationFrame(update);
    };
    flush.current();
    const observer = new ResizeObserver((entries) => {
      const width = Math.max(Math.floor(entries[0].contentRect.width), 1);
      if (plot && width !== plot.width) {
        plot.setSize({ width, height });
        flush.current();
      }
    });
    observer.observe(container);
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      observer.disconnect();
      plot?.destroy();
      plot = null;
    };
  }, [logY, projector, height]);

  useEffect(() => {
    flush.current();
  }, [input]);

  return containerRef;
}
