import type { RunConfig, TaskChoice } from '@/lib/protocol/challenge';
import type { MetricPoint, RunFinishRequest } from '@/lib/protocol/run';
import type { BackendName } from './backend-names';
import type { CheckpointKey, RunCheckpoint } from './run-checkpoints';
import type { SubmitTarget } from './submit-weights';

/** What a worker needs to build the run's model and data. */
export interface RunSetup {
  task: TaskChoice;
  config: RunConfig;
  /** The instructor's text, for the text task (named by `task.params.textId`). */
  text?: string;
}

/** Page -> a probe worker: time a few training steps of the run's model on exactly `backend`. */
export interface ProbeRequest extends RunSetup {
  type: 'probe';
  backend: BackendName;
  /** Steps timed after the one warm-up step. */
  timedSteps: number;
}

/** Probe worker -> page, in this order; a backend that does not start answers `probe-unavailable`. */
export type FromProbe =
  | { type: 'probe-started' }
  | { type: 'probe-warm' }
  | { type: 'probe-measured'; msPerStep: number }
  | { type: 'probe-unavailable' };

/** Page -> training worker. */
export type ToWorker =
  | ProbeRequest
  | (RunSetup & {
      type: 'start';
      budgetSteps: number;
      /** A metric point every this many steps; a validation pass every `evalEvery` steps. */
      reportEvery: number;
      evalEvery: number;
      /** Gates, gradient flow and a text sample every this many steps. */
      inspectEvery: number;
      temperature: number;
      backend?: BackendName;
      /** Where the worker keeps the run's checkpoint. */
      checkpoint: CheckpointKey;
      /** The checkpoint to continue from (a reloaded page resuming the run), or absent for a new run. */
      resumeFrom?: RunCheckpoint;
      /** Where the run's best weights go when it finishes or the round ends. */
      submit: SubmitTarget;
    })
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** The round ended: submit the best weights so far (training may go on). */
  | { type: 'submit' }
  | { type: 'temperature'; value: number };

/** A metric point as the worker makes it; the outbox numbers it (`seq`) when it queues it for the server. */
export interface ProgressMessage {
  type: 'progress';
  point: Omit<MetricPoint, 'seq'>;
}

export interface InspectionMessage {
  type: 'inspection';
  step: number;
  /** The inspected validation window, one decoded token per time step. */
  tokens: string[];
  /** Per layer: gate name -> [T][H] activations (see lib/model/inspect.ts). */
  gates: Record<string, number[][]>[];
  /** Gradient norm per time step of the window. */
  gradNorm: number[];
  sample: { text: string; temperature: number };
}

/** Training worker -> page. */
export type FromWorker =
  | { type: 'ready'; backend: BackendName; parameterCount: number; vocabSize: number }
  | ProgressMessage
  | InspectionMessage
  /** The run's progress up to `step` is saved in this browser. */
  | { type: 'checkpointed'; step: number }
  /** `weightsSha256`: hex SHA-256 of the final weights blob (exportWeights), to compare two runs' results. */
  | { type: 'finished'; outcome: RunFinishRequest['outcome']; step: number; weightsSha256: string }
  | { type: 'error'; message: string };
