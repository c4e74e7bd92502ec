import { curveBand } from '@/lib/domain/leaderboard';
import type { CurvePoint } from '@/lib/protocol/board';
import { CELLS, type Cell } from '@/lib/protocol/challenge';

/**
 * Pure data preparation for the class convergence chart: smoothing, bucketing to the plot's pixel
 * columns and alignment of every run onto one x axis. Each step is O(points) so the chart can redo it
 * several times a second for a whole class; results are cached per curve array, which the board's
 * delta merge replaces only when a run gained points.
 */

/**
 * Exponential moving average of the losses, debiased as TensorBoard does (divided by 1 − w^n) so the
 * first points are not pulled towards zero. `weight` in [0, 1): 0 returns the curve itself.
 */
export function smoothCurve(curve: readonly CurvePoint[], weight: number): readonly CurvePoint[] {
  if (weight <= 0) return curve;
  const out: CurvePoint[] = new Array(curve.length);
  let acc = 0;
  let debias = 1;
  for (let i = 0; i < curve.length; i++) {
    const [step, loss, accuracy] = curve[i];
    acc = weight * acc + (1 - weight) * loss;
    debias *= weight;
    out[i] = [step, acc / (1 - debias), accuracy];
  }
  return out;
}

/** The smallest 1, 2 or 5 × 10^k at or above `raw`, and at least 1 (steps are whole numbers). */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const base = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * base >= raw - 1e-9) return m * base;
  return 10 * base;
}

/** Grid spacing in steps so that `maxStep` fits in about `columns` columns (one per CSS pixel). */
export function gridStepFor(maxStep: number, columns: number): number {
  return niceStep(maxStep / Math.max(columns, 1));
}

/**
 * One point per grid column: the last point whose step falls in (k−1)·gridStep, k·gridStep], moved to
 * k·gridStep. "Last" rather than mean matches curveBand's "last value at or before a step", and the
 * shift is under one pixel. Columns are anchored at step 0, so a growing run never re-buckets old points.
 */
export function bucketCurve(curve: readonly CurvePoint[], gridStep: number): readonly CurvePoint[] {
  if (gridStep <= 1) return curve;
  const out: CurvePoint[] = [];
  for (const [step, loss, accuracy] of curve) {
    const at = Math.ceil(step / gridStep) * gridStep;
    if (out.length > 0 && out[out.length - 1][0] === at) out[out.length - 1] = [at, loss, accuracy];
    else out.push([at, loss, accuracy]);
  }
  return out;
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

export type ConvergenceCache = WeakMap<readonly CurvePoint[], { weight: number; gridStep: number; points: readonly CurvePoint[] }>;

export function createConvergenceCache(): ConvergenceCache {
  return new WeakMap();
}

const EMPTY: readonly CurvePoint[] = [];
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
  const gridStep = gridStepFor(maxStep, input.columns);
  const prepared = input.slots.map((s) => {
    const raw = input.curves[s.runId] ?? EMPTY;
    const hit = cache.get(raw);
    if (hit && hit.weight === input.smoothing && hit.gridStep === gridStep) return hit.points;
    const points = bucketCurve(smoothCurve(raw, input.smoothing), gridStep);
    cache.set(raw, { weight: input.smoothing, gridStep, points });
    return points;
  });
  const { x, ys } = alignBucketed(prepared, gridStep, input.logY);
  // curveBand sorts every column's values: on the full pixel grid it cost more than everything else
  // together (~60 ms for 200 runs), so bands use a coarser grid that still looks smooth.
  const bandStep = gridStepFor(maxStep, Math.min(input.columns, BAND_COLUMNS));
  const columnOf = new Map(x.map((step, i) => [step, i]));
  const bands = CELLS.map((cell) => {
    const q1: (number | null)[] = new Array(x.length).fill(null);
    const median: (number | null)[] = new Array(x.length).fill(null);
    const q3: (number | null)[] = new Array(x.length).fill(null);
    const mine = prepared.flatMap((p, i) => (input.slots[i].cell === cell && p.length > 0 ? [bucketCurve(p, bandStep)] : []));
    for (const b of curveBand(mine)) {
      const i = columnOf.get(b.step);
      if (i === undefined) continue;
      const keep = (v: number) => (input.logY && v <= 0 ? null : v);
      q1[i] = keep(b.q1);
      median[i] = keep(b.median);
      q3[i] = keep(b.q3);
    }
    return { cell, q1, median, q3 };
  });
  return { x, runs: ys, bands };
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
