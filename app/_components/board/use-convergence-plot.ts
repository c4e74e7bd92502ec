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
/** Alpha suffixes: a class of thin lines reads as a cloud; the band tints its middle half on top. */
const RUN_ALPHA = '50';
const BAND_ALPHA = '40';
/** Medians get a dark outline so they stay legible over a cloud of their own colour. */
const HALO_COLOR = '#020617';

/** Axis type readable from the back of a lecture hall. */
const PROJECTOR_FONTS = { font: '18px ui-sans-serif, system-ui, sans-serif', labelFont: '18px ui-sans-serif, system-ui, sans-serif' };

const line = (stroke: uPlot.Series['stroke'], width: number): uPlot.Series => ({ stroke, width, spanGaps: true, points: { show: false } });

function runSeries(cell: Cell, projector: boolean): uPlot.Series {
  return line(CELL_COLORS[cell] + RUN_ALPHA, projector ? 1.5 : 1);
}

/**
 * Series after the runs, in draw order: per cell its q3 and q1 (band edges, not stroked), per cell a
 * dark halo, per cell its median, then the emphasised run. `emphasisColor` is read at draw time so a
 * hover changes only data, never the options.
 */
function summarySeries(projector: boolean, emphasisColor: () => string): uPlot.Series[] {
  const median = projector ? 5 : 3;
  return [
    ...CELLS.flatMap(() => [line('transparent', 0), line('transparent', 0)]),
    ...CELLS.map(() => line(HALO_COLOR, median + 3)),
    ...CELLS.map((cell) => line(CELL_COLORS[cell], median)),
    line(emphasisColor, projector ? 4 : 3),
  ];
}

/** Bands fill between each cell's q3 and q1 series, which sit right after the `runCount` run series. */
function bandOptions(runCount: number): uPlot.Band[] {
  return CELLS.map((cell, c) => ({ series: [1 + runCount + 2 * c, 2 + runCount + 2 * c], fill: CELL_COLORS[cell] + BAND_ALPHA }));
}

/** uPlot data in the layout of summarySeries: x, runs, band edges, halos, medians, emphasis. */
function layout(data: ConvergenceData, emphasis: (number | null)[] | null): uPlot.AlignedData {
  return [
    data.x,
    ...data.runs,
    ...data.bands.flatMap((b) => [b.q3, b.q1]),
    ...data.bands.map((b) => b.median),
    ...data.bands.map((b) => b.median),
    emphasis ?? new Array<null>(data.x.length).fill(null),
  ];
}

/**
 * One uPlot instance for the whole class. Runs keep their series slot in order of first appearance,
 * so a run joining mid-round is inserted with addSeries (and the bands re-pointed) instead of
 * rebuilding the chart; it is rebuilt only when a run disappears or the scale, projector mode or
 * height changes. Updates are coalesced to at most one setData per animation frame, and the nearest
 * run to the cursor is found in O(runs) from the aligned data. Hover and click go through callbacks.
 */
export function useConvergencePlot({ input, logY, projector, height, onHover, onSelect }: Options): RefObject<HTMLDivElement | null> {
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
      latest.current.onHover(runId !== null && left !== undefined && top !== undefined ? { runId, clientX: rect.left + left, clientY: rect.top + top } : null);
    };

    const options = (): uPlot.Options => ({
      width: Math.max(container.clientWidth, 1),
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: logY ? { distr: 3, log: 10 } : {} },
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
      bands: bandOptions(slots.length),
      series: [{}, ...slots.map((s) => runSeries(s.cell, projector)), ...summarySeries(projector, () => (emphasisCell ? CELL_COLORS[emphasisCell] : 'transparent'))],
      hooks: { setCursor: [hover] },
    });

    const update = () => {
      frame.current = 0;
      const { runs, curves, smoothing, emphasisId } = latest.current.input;
      const known = new Set(runs.map((r) => r.runId));
      const current = plot;
      const rebuild = current === null || slots.some((s) => !known.has(s.runId));
      const present = new Set(rebuild ? [] : slots.map((s) => s.runId));
      const added = runs.filter((r) => !present.has(r.runId)).map((r) => ({ runId: r.runId, cell: r.cell }));
      if (!rebuild && added.length > 0) {
        // New runs go right after the existing ones, under every summary line; only the bands' indices move.
        added.forEach((s, k) => current.addSeries(runSeries(s.cell, projector), 1 + slots.length + k));
        // setBand merges as-is, so pass only the indices: the fill was normalised when the band was added.
        bandOptions(slots.length + added.length).forEach((band, i) => current.setBand(i, { series: band.series }));
      }
      slots = rebuild ? added : [...slots, ...added];
      const columns = Math.round(current ? current.bbox.width / uPlot.pxRatio : container.clientWidth);
      // A hover or selection change alone reuses the aligned data: only the emphasis series changes.
      const key = [curves, smoothing, columns, slots.length];
      const data =
        last && !rebuild && key.every((k, i) => k === last?.key[i])
          ? last.data
          : convergenceData({ slots, curves, smoothing, columns, logY }, cache);
      last = { key, data };
      const at = slots.findIndex((s) => s.runId === emphasisId);
      emphasisCell = at >= 0 ? slots[at].cell : null;
      const aligned = layout(data, at >= 0 ? data.runs[at] : null);
      if (!rebuild) {
        current.setData(aligned);
        return;
      }
      current?.destroy();
      const created = new uPlot(options(), aligned, container);
      created.over.addEventListener('click', () => {
        if (hovered) latest.current.onSelect?.(hovered);
      });
      plot = created;
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
