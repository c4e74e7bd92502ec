import type { BoardRun, CurvePoint } from '../protocol/board';
import { CELLS, type Cell, type RankingMetric } from '../protocol/challenge';

/** A run's score under a ranking metric, lower first, and when it was reached; null before its first point. */
export function rankScore(
  run: Pick<BoardRun, 'best' | 'bestAccuracy'>,
  metric: RankingMetric,
): { key: number; at: number } | null {
  if (metric === 'accuracy')
    return run.bestAccuracy ? { key: -run.bestAccuracy.accuracy, at: run.bestAccuracy.at } : null;
  return run.best ? { key: run.best.valLoss, at: run.best.at } : null;
}

/**
 * Runs in leaderboard order under `metric`: lowest best validation loss (bits per token) or highest best
 * accuracy first; ties go to whoever reached it first. Runs without a score yet come last, in start order.
 */
export function rankRuns(runs: readonly BoardRun[], metric: RankingMetric = 'valLoss'): BoardRun[] {
  const scores = new Map(runs.map((r) => [r.runId, rankScore(r, metric)]));
  return [...runs].sort((a, b) => {
    const sa = scores.get(a.runId);
    const sb = scores.get(b.runId);
    if (sa && sb) return sa.key - sb.key || sa.at - sb.at;
    if (sa || sb) return sa ? -1 : 1;
    return a.startedAt - b.startedAt;
  });
}

/** The q-quantile (0..1) of sorted values, linearly interpolated; null for no values. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The first step at which a curve's validation loss is at or below `threshold`; null if never. */
export function stepsToThreshold(curve: readonly CurvePoint[], threshold: number): number | null {
  return curve.find(([, loss]) => loss <= threshold)?.[0] ?? null;
}

export interface CellSummary {
  cell: Cell;
  runs: number;
  /** Median and interquartile range of the runs' best validation loss (bits per token). */
  medianBest: number | null;
  q1Best: number | null;
  q3Best: number | null;
  /** Median steps to reach the threshold, over the runs that reached it, and how many did. */
  medianStepsToThreshold: number | null;
  reachedThreshold: number;
}

/** RNN vs LSTM vs GRU: per cell, how many runs, how good, and how fast to `threshold`. */
export function summariseCells(
  runs: readonly BoardRun[],
  curves: Record<string, CurvePoint[]>,
  threshold: number,
): CellSummary[] {
  return CELLS.map((cell) => {
    const mine = runs.filter((r) => r.cell === cell);
    const bests = mine.flatMap((r) => (r.best ? [r.best.valLoss] : [])).sort((a, b) => a - b);
    const steps = mine
      .map((r) => stepsToThreshold(curves[r.runId] ?? [], threshold))
      .filter((s): s is number => s !== null)
      .sort((a, b) => a - b);
    return {
      cell,
      runs: mine.length,
      medianBest: quantile(bests, 0.5),
      q1Best: quantile(bests, 0.25),
      q3Best: quantile(bests, 0.75),
      medianStepsToThreshold: quantile(steps, 0.5),
      reachedThreshold: steps.length,
    };
  });
}

/**
 * Per step, the median and quartiles of the validation loss across `curves` (each curve's last value
 * at or before that step), for the band drawn behind each cell's runs. Steps are `steps` (ascending)
 * when given, else the union of the curves' steps; a step before every curve's first point is skipped.
 */
export function curveBand(
  curves: readonly (readonly CurvePoint[])[],
  steps: readonly number[] = [...new Set(curves.flatMap((c) => c.map(([s]) => s)))].sort((a, b) => a - b),
): { step: number; q1: number; median: number; q3: number }[] {
  // The chart redoes this for every cell several times a second: one cursor per curve, and a typed
  // array whose native numeric sort is several times faster than sorting a number[] with a comparator.
  const cursors = new Int32Array(curves.length).fill(-1);
  const values = new Float64Array(curves.length);
  const band: { step: number; q1: number; median: number; q3: number }[] = [];
  for (const step of steps) {
    let n = 0;
    for (let i = 0; i < curves.length; i++) {
      const curve = curves[i];
      let at = cursors[i];
      while (at + 1 < curve.length && curve[at + 1][0] <= step) at++;
      cursors[i] = at;
      if (at >= 0) values[n++] = curve[at][1];
    }
    if (n === 0) continue;
    const sorted = values.subarray(0, n).sort();
    band.push({
      step,
      q1: quantile(sorted, 0.25) as number,
      median: quantile(sorted, 0.5) as number,
      q3: quantile(sorted, 0.75) as number,
    });
  }
  return band;
}
