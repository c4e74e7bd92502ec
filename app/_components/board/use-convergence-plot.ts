'use client';

import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CurvePoint } from '@/lib/protocol/board';
import { CELLS, type Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { roundLogTicks } from '../charts/log-scale';
import { stepAxis, themedAxis } from '../charts/use-uplot';
import { BAND_SERIES, convergenceData, createConvergenceCache, nearestSeries } from './convergence-data';

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
/** Alpha suffixes: a class of thin lines reads as a cloud, the band sits behind it. */
const RUN_ALPHA = '55';
const BAND_ALPHA = '33';

function runSeries(cell: Cell, projector: boolean): uPlot.Series {
  return { stroke: CELL_COLORS[cell] + RUN_ALPHA, width: projector ? 1.5 : 1, spanGaps: true, points: { show: false } };
}

/**
 * One uPlot instance for the whole class. Runs keep their series slot in order of first appearance,
 * so a run joining mid-round is added with addSeries instead of rebuilding the chart; the chart is
 * rebuilt only when a run disappears or the scale, projector mode or height changes. Updates are
 * coalesced to at most one setData per animation frame. Hover and click go through the callbacks.
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
    let emphasis: { series: (number | null)[]; cell: Cell } | null = null;
    let hovered: string | null = null;

    const options = (): uPlot.Options => ({
      width: Math.max(container.clientWidth, 1),
      height,
      legend: { show: false },
      scales: { x: { time: false }, y: logY ? { distr: 3, log: 10 } : {} },
      axes: [
        { ...stepAxis('training step'), font: projector ? '16px ui-sans-serif, system-ui, sans-serif' : undefined },
        {
          ...themedAxis('validation bits / token'),
          size: projector ? 70 : 56,
          font: projector ? '16px ui-sans-serif, system-ui, sans-serif' : undefined,
          ...(logY ? { filter: (_u: uPlot, splits: number[]) => roundLogTicks(splits) } : {}),
        },
      ],
      // A drag-zoom would be undone by the next live update; hover is ours (nearest run), not uPlot's.
      cursor: { drag: { x: false, y: false }, points: { show: false }, x: false, y: false },
      bands: CELLS.map((cell, c) => ({ series: [1 + 2 * c, 2 + 2 * c] as [number, number], fill: CELL_COLORS[cell] + BAND_ALPHA })),
      series: [
        {},
        ...CELLS.flatMap((): uPlot.Series[] => [
          { stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } },
          { stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } },
        ]),
        ...slots.map((s) => runSeries(s.cell, projector)),
        ...CELLS.map((cell): uPlot.Series => ({ stroke: CELL_COLORS[cell], width: projector ? 5 : 3, spanGaps: true, points: { show: false } })),
        {
          stroke: () => (emphasis ? CELL_COLORS[emphasis.cell] : 'transparent'),
          width: projector ? 5 : 3.5,
          spanGaps: true,
          points: { show: false },
        },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const { left, top, idx } = u.cursor;
            const runYs = (u.data as (number | null)[][]).slice(1 + BAND_SERIES, 1 + BAND_SERIES + slots.length);
            const hit =
              left === undefined || top === undefined || left < 0 || idx === null || idx === undefined
                ? -1
                : nearestSeries(runYs, idx, (v) => u.valToPos(v, 'y'), top, HOVER_RADIUS_PX);
            const runId = hit >= 0 ? slots[hit].runId : null;
            if (runId === null && hovered === null) return;
            hovered = runId;
            const rect = u.over.getBoundingClientRect();
            latest.current.onHover(
              runId !== null && left !== undefined && top !== undefined ? { runId, clientX: rect.left + left, clientY: rect.top + top } : null,
            );
          },
        ],
      },
    });

    let last: { key: unknown[]; data: ReturnType<typeof convergenceData> } | null = null;
    const update = () => {
      frame.current = 0;
      const { runs, curves, smoothing, emphasisId } = latest.current.input;
      const known = new Set(runs.map((r) => r.runId));
      const current = plot;
      const rebuild = current === null || slots.some((s) => !known.has(s.runId));
      const present = new Set(rebuild ? [] : slots.map((s) => s.runId));
      const added = runs.filter((r) => !present.has(r.runId)).map((r) => ({ runId: r.runId, cell: r.cell }));
      // New runs go after the existing ones and before the medians, so no other series moves.
      if (!rebuild) added.forEach((s, k) => current.addSeries(runSeries(s.cell, projector), 1 + BAND_SERIES + slots.length + k));
      slots = rebuild ? added : [...slots, ...added];
      const columns = Math.round(current ? current.bbox.width / uPlot.pxRatio : container.clientWidth);
      // A hover or selection change alone reuses the aligned data: only the emphasis series changes.
      const key = [curves, smoothing, columns, slots.length];
      const data =
        last && !rebuild && added.length === 0 && key.every((k, i) => k === last?.key[i])
          ? last.data
          : convergenceData({ slots, curves, smoothing, columns, logY }, cache);
      last = { key, data };
      const at = slots.findIndex((s) => s.runId === emphasisId);
      emphasis = at >= 0 ? { series: data[1 + BAND_SERIES + at], cell: slots[at].cell } : null;
      const full: uPlot.AlignedData = [...data, emphasis?.series ?? new Array<null>(data[0].length).fill(null)];
      if (!rebuild) {
        current.setData(full);
        return;
      }
      current?.destroy();
      const created = new uPlot(options(), full, container);
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
