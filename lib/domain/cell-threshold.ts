import type { BoardRun } from '../protocol/board';
import { quantile } from './leaderboard';

/**
 * The level (bits per token) a run must reach to count as having learned the task, when nobody has set
 * one: the median of the runs' best validation losses. It lies between the best and the worst cell's
 * median, and only about half the runs reach it, so "steps to threshold" and "reached" tell the cells
 * apart (a fixed level above every run made every cell "reach" it, the fastest-starting one first).
 * Null before any run has a validation loss. Pure.
 */
export function medianBestThreshold(runs: readonly Pick<BoardRun, 'best'>[]): number | null {
  const bests = runs.flatMap((r) => (r.best ? [r.best.valLoss] : [])).sort((a, b) => a - b);
  return quantile(bests, 0.5);
}
