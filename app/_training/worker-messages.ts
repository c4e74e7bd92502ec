import type { RunConfig, TaskChoice } from '@/lib/protocol/challenge';
import type { MetricPoint, RunFinishRequest } from '@/lib/protocol/run';
import type { BackendName } from './backend-names';

/** Page -> training worker. */
export type ToWorker =
  | {
      type: 'start';
      task: TaskChoice;
      config: RunConfig;
      budgetSteps: number;
      /** A metric point every this many steps; a validation pass every `evalEvery` steps. */
      reportEvery: number;
      evalEvery: number;
      /** Gates, gradient flow and a text sample every this many steps. */
      inspectEvery: number;
      temperature: number;
      backend?: BackendName;
      /** The instructor's text, for the text task (named by `task.params.textId`). */
      text?: string;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
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
  | { type: 'finished'; outcome: RunFinishRequest['outcome']; step: number }
  | { type: 'error'; message: string };
