import type { MetricPoint, RunView } from '../../lib/protocol/run';

/**
 * The run after `fresh` points (not seen before) arrived at `receivedAt`: its last step, its best
 * validation loss and its best accuracy, each with the step and time it was first reached (ties keep the
 * earlier one).
 */
export function applyPoints(run: RunView, fresh: MetricPoint[], receivedAt: number): RunView {
  let { lastStep, best, bestAccuracy } = run;
  for (const p of fresh) {
    lastStep = Math.max(lastStep, p.step);
    if (p.valLoss !== undefined && (best === null || p.valLoss < best.valLoss)) {
      best = { valLoss: p.valLoss, accuracy: p.accuracy ?? null, step: p.step, at: receivedAt };
    }
    if (p.accuracy !== undefined && (bestAccuracy === null || p.accuracy > bestAccuracy.accuracy)) {
      bestAccuracy = { accuracy: p.accuracy, step: p.step, at: receivedAt };
    }
  }
  return { ...run, lastStep, best, bestAccuracy };
}
