import type { MetricPoint, RunView } from '../protocol/run';
import { beatsAccuracy, beatsLoss } from './run-points';

/** A point as the browser holds it before the outbox numbers it. */
type Point = Pick<MetricPoint, 'step' | 'valLoss' | 'accuracy'>;

/** A run's two bests without the arrival time the server adds (`at`). */
export interface RunBests {
  /** Lowest validation loss (bits per token), the accuracy measured with it, and its step. */
  best: Omit<NonNullable<RunView['best']>, 'at'> | null;
  /** Highest accuracy (0..1) and its step: what the board's "best accuracy" shows and ranks by. */
  bestAccuracy: Omit<NonNullable<RunView['bestAccuracy']>, 'at'> | null;
}

/**
 * The bests of a run's points, in order, by the rule the server stores them by (beatsLoss, beatsAccuracy):
 * the first point to reach a value keeps it. So a student's own table shows the same numbers as the class
 * board. Pure.
 */
export function runBests(points: readonly Point[]): RunBests {
  let best: RunBests['best'] = null;
  let bestAccuracy: RunBests['bestAccuracy'] = null;
  for (const p of points) {
    if (beatsLoss(p.valLoss, best?.valLoss ?? null))
      best = { valLoss: p.valLoss, accuracy: p.accuracy ?? null, step: p.step };
    if (beatsAccuracy(p.accuracy, bestAccuracy?.accuracy ?? null))
      bestAccuracy = { accuracy: p.accuracy, step: p.step };
  }
  return { best, bestAccuracy };
}
