import type { MetricPoint, RunView } from '../../lib/protocol/run';

/**
 * The run after `fresh` points (not seen before) arrived at `receivedAt`: its last step, and its best
 * validation loss with the step and time it was first reached (ties keep the earlier one).
 */
export function applyPoints(run: RunView, fresh: MetricPoint[], receivedAt: number): RunView {
  let { lastStep, best } = run;
  for (const p of fresh) {
    lastStep = Math.max(lastStep, p.step);
    if (p.valLoss !== undefined && (best === null || p.valLoss < best.valLoss)) {
      best = { valLoss: p.valLoss, accuracy: p.accuracy ?? null, step: p.step, at: receivedAt };
    }
  }
  return { ...run, lastStep, best };
}
