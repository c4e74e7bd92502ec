import type { MetricPoint, RunView } from '../protocol/run';

/**
 * The best-point rule, once for every place that keeps a best (both stores through applyPoints, a
 * student's own table, the replay): `value` is a new best over `best` (null: none yet) only when strictly
 * lower for a loss, strictly higher for an accuracy, so the first point to reach a value keeps it.
 */
export const beatsLoss = (value: number | undefined, best: number | null): value is number =>
  value !== undefined && (best === null || value < best);
export const beatsAccuracy = (value: number | undefined, best: number | null): value is number =>
  value !== undefined && (best === null || value > best);

/** A run's summary and the sequence numbers of the points already stored for it. */
export interface StoredRun {
  run: RunView;
  seqs: { has(seq: number): boolean };
}

/**
 * The one rule for storing a batch of metric points, which both stores follow (the Redis store in its
 * Lua script, held to this function by a property test):
 * - a point is stored once per `seq`: a resent point, or a second one with the same `seq` in the batch,
 *   is dropped, and the first stored wins;
 * - `lastStep` is the highest step of any stored point, `curvePoints` the number of stored points with a
 *   validation loss (the length of the run's curve: a client that holds fewer has missed some);
 * - `best` is the lowest validation loss and `bestAccuracy` the highest accuracy, each with the step and
 *   the batch's arrival time `receivedAt` (ms since the Unix epoch) of the point that first reached it:
 *   a later tie does not replace it.
 * Returns the updated summary and the points that were new, in batch order. Pure: `stored` is not changed.
 */
export function applyPoints(
  { run, seqs }: StoredRun,
  batch: readonly MetricPoint[],
  receivedAt: number,
): { run: RunView; fresh: MetricPoint[] } {
  const inBatch = new Set<number>();
  const fresh: MetricPoint[] = [];
  let { lastStep, curvePoints, best, bestAccuracy } = run;
  for (const p of batch) {
    if (seqs.has(p.seq) || inBatch.has(p.seq)) continue;
    inBatch.add(p.seq);
    fresh.push(p);
    lastStep = Math.max(lastStep, p.step);
    if (p.valLoss !== undefined) curvePoints += 1;
    if (beatsLoss(p.valLoss, best?.valLoss ?? null))
      best = { valLoss: p.valLoss, accuracy: p.accuracy ?? null, step: p.step, at: receivedAt };
    if (beatsAccuracy(p.accuracy, bestAccuracy?.accuracy ?? null))
      bestAccuracy = { accuracy: p.accuracy, step: p.step, at: receivedAt };
  }
  return { run: { ...run, lastStep, curvePoints, best, bestAccuracy }, fresh };
}
