import { weightsPath } from '@/lib/protocol/http-paths';
import { MAX_POINTS_PER_RUN } from '@/lib/protocol/run';
import { credentials } from '../_realtime/credentials';
import type { SubmitTarget } from './submit-weights';

/** A validation pass costs a few training steps; every fifth report keeps its share small. */
const EVALS_PER_REPORT = 5;
/** Gates, gradients and a sample: every fourth validation pass. */
const INSPECTS_PER_EVAL = 4;

/**
 * When a run of `budgetSteps` steps reports, validates and inspects (in steps): a point at most every
 * `reportEvery` steps, and never more points than the server keeps per run. Pure.
 */
export function runSchedule(budgetSteps: number) {
  const reportEvery = Math.max(5, Math.ceil(budgetSteps / (MAX_POINTS_PER_RUN / 2)));
  return {
    budgetSteps,
    reportEvery,
    evalEvery: reportEvery * EVALS_PER_REPORT,
    inspectEvery: reportEvery * EVALS_PER_REPORT * INSPECTS_PER_EVAL,
  };
}

/** Where a run's best weights go to be scored, with the student's own key (reads localStorage). */
export function submitTarget(code: string, runId: string): SubmitTarget {
  return { url: weightsPath(code, runId), token: credentials.student(code)?.token ?? '' };
}
