import type { TrainingState } from '../../_components/training/training-progress';
import type { LocalRun } from '../../_training/local-run';

/**
 * What the progress panel says about a run. A run that ended before its budget because the student
 * pressed Stop (or the page gave it up) reads 'stopped', never 'finished'. Pure.
 */
export function progressState(run: LocalRun | undefined): TrainingState {
  if (!run) return 'idle';
  if (run.state === 'starting') return 'running';
  if (run.state === 'resumable') return 'interrupted';
  if (run.state === 'finished') return run.outcome === 'stopped' ? 'stopped' : 'finished';
  return run.state;
}

/** The runs of one round, in the order they started. Pure. */
export function runsOfRound(runs: readonly LocalRun[], round: number): LocalRun[] {
  return runs.filter((r) => r.round === round);
}

/** The rounds with a run of this student, and `current` (when a round has started), ascending. Pure. */
export function roundsWithRuns(runs: readonly LocalRun[], current: number): number[] {
  const rounds = new Set(runs.map((r) => r.round));
  if (current > 0) rounds.add(current);
  return [...rounds].sort((a, b) => a - b);
}
