import type { BoardRun } from '../protocol/board';
import type { RankingMetric } from '../protocol/challenge';
import { VERIFY_TOLERANCE, type Verification } from '../protocol/verification';
import { rankRuns } from './leaderboard';

/**
 * Whether a run's reported best validation loss (bits per token; null: none reported) beats the server's
 * own validation loss of its submitted weights by more than VERIFY_TOLERANCE. Pure.
 */
export function isFlagged(reportedValLoss: number | null, serverValLoss: number): boolean {
  return reportedValLoss !== null && reportedValLoss < serverValLoss * (1 - VERIFY_TOLERANCE);
}

/** The server's scores of a run's weights, flagged or not (isFlagged) once it has its own validation loss. */
export function withFlag(verification: Verification | null, reportedValLoss: number | null): Verification | null {
  return verification?.valLoss === undefined
    ? verification
    : { ...verification, flagged: isFlagged(reportedValLoss, verification.valLoss) };
}

/**
 * A run's score on the server's secret test split under `metric`, lower first: test bits per token, or
 * minus the test accuracy; null until the server has scored its weights.
 */
export function verifiedScore(run: Pick<BoardRun, 'verified'>, metric: RankingMetric): number | null {
  const v = run.verified;
  if (v?.status !== 'done') return null;
  const score = metric === 'accuracy' ? v.testAccuracy && -v.testAccuracy : v.testLoss;
  return score ?? null;
}

/**
 * The round's final ranking: runs the server scored, by their test score under `metric` (ties to the
 * earlier start), then every other run in the live ranking's order (rankRuns on reported scores). Pure.
 */
export function rankVerified(runs: readonly BoardRun[], metric: RankingMetric = 'valLoss'): BoardRun[] {
  const scores = new Map(runs.map((r) => [r.runId, verifiedScore(r, metric)]));
  const scored = runs
    .filter((r) => scores.get(r.runId) !== null)
    .sort((a, b) => scores.get(a.runId)! - scores.get(b.runId)! || a.startedAt - b.startedAt);
  return [
    ...scored,
    ...rankRuns(
      runs.filter((r) => scores.get(r.runId) === null),
      metric,
    ),
  ];
}
