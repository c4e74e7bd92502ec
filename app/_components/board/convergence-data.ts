import { curveBand } from '@/lib/domain/leaderboard';
import type { CurvePoint } from '@/lib/protocol/board';
import { CELLS, type Cell } from '@/lib/protocol/challenge';

/**
 * Pure data preparation for the class convergence chart: smoothing, bucketing to the plot's pixel
 * columns and alignment of every run onto one x axis. Each run's smoothing and bucketing is kept and
 * extended as points arrive (prepareCurve); what is redone per update is O(runs × columns), so the chart
 * can update several times a second for a whole class.
 */

/** The smallest 1, 2 or 5 × 10^k at or above `raw`, and at least 1 (steps are whole numbers). */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const base = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * base >= raw - 1e-9) return m * base;
  return 10 * base;
}

/** Grid spacing in steps so that `maxStep` fits in at most `columns` columns. */
export function gridStepFor(maxStep: number, columns: number): number {
  return niceStep(maxStep / Math.max(columns, 1));
}

/**
 * One run's curve as the chart draws it: smoothed, then bucketed to the plot's grid and to the coarser
 * grid of the cell bands. Kept per run and extended in place when the run's next curve array is the
 * previous one with points appended (what the board's delta merge makes), so a live update costs
 * O(new points), not O(all points).
 */
export interface PreparedCurve {
  /** The raw curve these were computed from. */
  raw: readonly CurvePoint[];
  weight: number;
  gridStep: number;
  bandStep: number;
  /** EMA state after the last raw point. */
  acc: number;
  debias: number;
  /** On the plot grid: what is drawn. */
  points: CurvePoint[];
  /** On the band grid: what the cell's quartiles summarise. */
  band: CurvePoint[];
}

/**
 * Keeps the last point of each grid column, moved to the column's end k·gridStep. "Last" rather than
 * mean matches curveBand's "last value at or before a step", and the shift is under one pixel. Columns
 * are anchored at step 0, so a growing run never re-buckets old points.
 */
function appendBucketed(
  out: CurvePoint[],
  step: number,
  loss: number,
  accuracy: number | null,
  gridStep: number,
): void {
  const at = Math.ceil(step / gridStep) * gridStep;
  const last = out.length - 1;
  if (last >= 0 && out[last][0] === at) out[last] = [at, loss, accuracy];
  else out.push([at, loss, accuracy]);
}

/**
 * `previous` extended by the points `raw` adds to it, or computed afresh when `raw` is not an extension
 * (another smoothing or grid, or a curve the server rebuilt). Smoothing is an exponential moving average
 * of the losses, debiased as TensorBoard does (divided by 1 − w^n) so the first points are not pulled
 * towards zero; `weight` in [0, 1), 0 leaves the losses as they are.
 */
export function prepareCurve(
  previous: PreparedCurve | undefined,
  raw: readonly CurvePoint[],
  weight: number,
  gridStep: number,
  bandStep: number,
): PreparedCurve {
  const seen = previous?.raw.length ?? 0;
  const extendable =
    previous !== undefined &&
    previous.weight === weight &&
    previous.gridStep === gridStep &&
    previous.bandStep === bandStep &&
    raw.length >= seen &&
    (seen === 0 || (raw[0] === previous.raw[0] && raw[seen - 1] === previous.raw[seen - 1]));
  const entry: PreparedCurve = extendable
    ? previous
    : { raw, weight, gridStep, bandStep, acc: 0, debias: 1, points: [], band: [] };
  for (let i = extendable ? seen : 0; i < raw.length; i++) {
    const [step, loss, accuracy] = raw[i];
    let value = loss;
    if (weight > 0) {
      entry.acc = weight * entry.acc + (1 - weight) * loss;
      entry.debias *= weight;
      value = entry.acc / (1 - entry.debias);
    }
    appendBucketed(entry.points, step, value, accuracy, gridStep);
    appendBucketed(entry.band, step, value, accuracy, bandStep);
  }
  entry.raw = raw;
  return entry;
}

export interface Aligned {
  /** Ascending steps where any curve has a point. */
  x: number[];
  /** Per curve, its loss at each x or null; non-positive losses are null when `logY` (no log of 0). */
  ys: (number | null)[][];
}

/**
 * Aligns bucketed curves (steps that are multiples of `gridStep`) onto the union of their steps with
 * a presence mask over grid columns instead of a sort: O(total points + columns).
 */
export function alignBucketed(curves: readonly (readonly CurvePoint[])[], gridStep: number, logY: boolean): Aligned {
  let maxCol = -1;
  for (const c of curves) if (c.length > 0) maxCol = Math.max(maxCol, Math.round(c[c.length - 1][0] / gridStep));
  const column = new Int32Array(maxCol + 1).fill(-1);
  for (const c of curves) for (const p of c) column[Math.round(p[0] / gridStep)] = 0;
  const x: number[] = [];
  for (let k = 0; k <= maxCol; k++) if (column[k] === 0) column[k] = x.push(k * gridStep) - 1;
  const ys = curves.map((c) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    for (const [step, loss] of c) if (!logY || loss > 0) y[column[Math.round(step / gridStep)]] = loss;
    return y;
  });
  return { x, ys };
}

/** What one chart update needs; `smoothing` in [0, 0.95], `columns` ≈ plot width in CSS pixels. */
export interface ConvergenceInput {
  slots: readonly { runId: string; cell: Cell }[];
  curves: Readonly<Record<string, readonly CurvePoint[]>>;
  smoothing: number;
  columns: number;
  logY: boolean;
}

/** Prepared curves by run id. */
export type ConvergenceCache = Map<string, PreparedCurve>;

export function createConvergenceCache(): ConvergenceCache {
  return new Map();
}

const EMPTY: readonly CurvePoint[] = [];
/**
 * CSS pixels per run point: drawing 200 runs cost ~0.7 µs per point in uPlot's path building, and thin
 * translucent lines in a cloud look the same at half the resolution.
 */
const RUN_COLUMN_PX = 2;
/** At most this many band and median points across the plot. */
const BAND_COLUMNS = 240;

export interface CellBand {
  cell: Cell;
  q1: (number | null)[];
  median: (number | null)[];
  q3: (number | null)[];
}

export interface ConvergenceData {
  /** Shared x axis: training steps on the plot's column grid. */
  x: number[];
  /** One array per slot, in slot order, aligned on x. */
  runs: (number | null)[][];
  /** Smallest and largest value over all runs, or null when there is none. */
  yExtent: [number, number] | null;
  /** Per cell in CELLS order, its quartiles across runs, aligned on x (null beyond the cell's runs). */
  bands: CellBand[];
}

/**
 * Everything the chart draws for one update. Bands and medians come from curveBand over the same
 * smoothed, bucketed curves that are drawn, so the median line sits inside the cloud it summarises.
 */
export function convergenceData(input: ConvergenceInput, cache: ConvergenceCache): ConvergenceData {
  let maxStep = 0;
  for (const s of input.slots) maxStep = Math.max(maxStep, input.curves[s.runId]?.at(-1)?.[0] ?? 0);
  const gridStep = gridStepFor(maxStep, input.columns / RUN_COLUMN_PX);
  // curveBand sorts every column's values: on the full pixel grid it cost more than everything else
  // together (~60 ms for 200 runs), so bands use a coarser grid, a multiple of the plot's.
  const bandStep = gridStep * niceStep(gridStepFor(maxStep, Math.min(input.columns, BAND_COLUMNS)) / gridStep);
  const prepared = input.slots.map((s) => {
    const entry = prepareCurve(cache.get(s.runId), input.curves[s.runId] ?? EMPTY, input.smoothing, gridStep, bandStep);
    cache.set(s.runId, entry);
    return entry;
  });
  if (cache.size > input.slots.length) {
    const live = new Set(input.slots.map((s) => s.runId));
    for (const runId of cache.keys()) if (!live.has(runId)) cache.delete(runId);
  }
  const { x, ys } = alignBucketed(
    prepared.map((p) => p.points),
    gridStep,
    input.logY,
  );
  // Every band curve is on the band grid, so its columns are the steps (no union of all curves' steps).
  const bandSteps = Array.from({ length: Math.ceil(maxStep / bandStep) + 1 }, (_, k) => k * bandStep);
  const bands = CELLS.map((cell) => {
    const q1: (number | null)[] = new Array(x.length).fill(null);
    const median: (number | null)[] = new Array(x.length).fill(null);
    const q3: (number | null)[] = new Array(x.length).fill(null);
    const mine = prepared.flatMap((p, i) => (input.slots[i].cell === cell && p.band.length > 0 ? [p.band] : []));
    // A cell's band ends where its longest run ends.
    const end = Math.max(-1, ...mine.map((band) => band[band.length - 1][0] / bandStep));
    for (const b of curveBand(mine, bandSteps.slice(0, end + 1))) {
      const i = lastAtOrBefore(x, b.step);
      if (i < 0) continue;
      const keep = (v: number) => (input.logY && v <= 0 ? null : v);
      q1[i] = keep(b.q1);
      median[i] = keep(b.median);
      q3[i] = keep(b.q3);
    }
    return { cell, q1, median, q3 };
  });
  let min = Infinity;
  let max = -Infinity;
  for (const y of ys) {
    for (const v of y) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { x, runs: ys, yExtent: min <= max ? [min, max] : null, bands };
}

/** Index of the last element of ascending `xs` that is at most `value`, or −1. */
function lastAtOrBefore(xs: readonly number[], value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Index of the series in `ys` whose value at column `idx` (or the nearest earlier one within
 * `lookBack` columns, for sparse runs) is closest to `targetPx` once mapped by `toPx`; −1 when none
 * lies within `maxPx`. O(series).
 */
export function nearestSeries(
  ys: readonly (readonly (number | null)[])[],
  idx: number,
  toPx: (v: number) => number,
  targetPx: number,
  maxPx: number,
  lookBack = 3,
): number {
  let best = -1;
  let bestDist = maxPx;
  ys.forEach((y, s) => {
    for (let k = idx; k >= 0 && k >= idx - lookBack; k--) {
      const v = y[k];
      if (v === null || v === undefined) continue;
      const d = Math.abs(toPx(v) - targetPx);
      if (d <= bestDist) {
        best = s;
        bestDist = d;
      }
      return;
    }
  });
  return best;
}
