import type { RunConfig } from '@/lib/protocol/challenge';
import type { MetricPoint, RunFinishRequest, RunView } from '@/lib/protocol/run';
import type { BackendName } from './backend-names';
import type { RunCheckpoint } from './run-checkpoints';
import type { InspectionMessage } from './worker-messages';

/**
 * 'resumable': a run of an earlier page whose checkpoint this browser holds, waiting for the student to
 * resume or discard it; 'interrupted': a run of an earlier page that cannot go on (`interruption` says why).
 */
export type RunState = 'starting' | 'running' | 'paused' | 'finished' | 'error' | 'resumable' | 'interrupted';
export type Outcome = RunFinishRequest['outcome'];

/** One of the student's runs, as this page knows it. */
export interface LocalRun {
  id: string;
  /** The round it was trained in (1-based). */
  round: number;
  config: RunConfig;
  state: RunState;
  outcome: Outcome | null;
  step: number;
  tokensPerSec: number;
  elapsedMs: number;
  points: Omit<MetricPoint, 'seq'>[];
  backend: BackendName | null;
  inspection: InspectionMessage | null;
  error: string | null;
  /** Why a run of an earlier page could not go on. */
  interruption: string | null;
  /** The last step whose progress is saved in this browser. */
  savedStep: number | null;
  /** Hex SHA-256 of the final weights, once the run has ended in this page. */
  weightsSha256: string | null;
}

/** Where a run's life is reported beyond the page: the server, through `useRunStream`. */
export interface RunSink {
  /** Registers the run before its worker starts and resolves with its id; rejects with a refusal. */
  begin(config: RunConfig): Promise<string>;
  /** Streams a resumed run again; rejects with the reason it cannot go on. See useRunStream. */
  rejoin(
    runId: string,
    config: RunConfig,
    made: Omit<MetricPoint, 'seq'>[],
    stored: ReadonlySet<number>,
  ): Promise<void>;
  add(runId: string, point: Omit<MetricPoint, 'seq'>): void;
  end(runId: string, outcome: Outcome): void;
  /** Records on the server that a run of an earlier page will not go on. */
  abandon(runId: string): void;
}

/** A run this page is about to start in `round`. */
export const blankRun = (id: string, config: RunConfig, round: number): LocalRun => ({
  id,
  round,
  config,
  state: 'starting',
  outcome: null,
  step: 0,
  tokensPerSec: 0,
  elapsedMs: 0,
  points: [],
  backend: null,
  inspection: null,
  error: null,
  interruption: null,
  savedStep: null,
  weightsSha256: null,
});

const INTERRUPTIONS = {
  none: 'This browser holds no saved progress for it (the page was closed elsewhere, or before the first save).',
  damaged: 'Its saved progress in this browser is damaged.',
} as const;

/**
 * A run of this round as a reloaded page shows it, from the server's view and `points`, and for a run the
 * server still counts as running, what this browser holds of it: its checkpoint (resumable: the chart and
 * progress as saved), or 'none' / 'damaged' (interrupted, with the reason). Pure.
 */
export function restoredRun(
  run: RunView,
  points: MetricPoint[],
  held: RunCheckpoint | 'none' | 'damaged' | null,
): LocalRun {
  const kept: LocalRun = {
    ...blankRun(run.id, run.config, run.round),
    state: 'finished',
    outcome: run.status === 'completed' ? 'completed' : 'stopped',
    step: run.lastStep,
    elapsedMs: points.at(-1)?.elapsedMs ?? 0,
    points,
  };
  if (held === null) return kept;
  if (typeof held === 'string') return { ...kept, state: 'interrupted', interruption: INTERRUPTIONS[held] };
  const { step } = held.trainer;
  return { ...kept, state: 'resumable', step, elapsedMs: held.elapsedMs, points: held.points, savedStep: step };
}
