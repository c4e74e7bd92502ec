import './zod-setup';
import { z } from 'zod';
import { runConfigSchema } from './challenge';

/** A run keeps at most this many metric points; the client spaces its reports to fit the budget. */
export const MAX_POINTS_PER_RUN = 1000;
/** Points in one `run:metrics` request; a reconnecting client sends its backlog in chunks. */
export const MAX_POINTS_PER_BATCH = 100;
/** Losses are in bits per token; no vocabulary in RNN Arena is large enough to exceed this. */
const MAX_BITS = 32;

const bits = z.number().finite().min(0).max(MAX_BITS);

/** Client-chosen run id (a random 16+ character string), so a retried `run:start` is recognised. */
export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'A run id is 16–64 URL-safe characters');

/** One measurement during training. Each point carries a sequence number unique within its run. */
export const metricPointSchema = z
  .object({
    seq: z
      .number()
      .int()
      .min(0)
      .max(MAX_POINTS_PER_RUN - 1),
    step: z.number().int().min(0).max(100_000),
    /** Milliseconds of training so far (pauses excluded). */
    elapsedMs: z
      .number()
      .finite()
      .min(0)
      .max(24 * 60 * 60 * 1000),
    /** Mean training loss since the previous point, bits per token. */
    trainLoss: bits,
    /** Validation loss, bits per token, when measured at this step. */
    valLoss: bits.optional(),
    /** Task accuracy on the validation split, 0..1, when measured. */
    accuracy: z.number().finite().min(0).max(1).optional(),
    tokensPerSec: z.number().finite().min(0).max(1e9).optional(),
  })
  .strict();
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const runStartRequest = z.object({ runId: runIdSchema, config: runConfigSchema }).strict();
export const runMetricsRequest = z
  .object({ runId: runIdSchema, points: z.array(metricPointSchema).min(1).max(MAX_POINTS_PER_BATCH) })
  .strict();
export const runFinishRequest = z.object({ runId: runIdSchema, outcome: z.enum(['completed', 'stopped']) }).strict();

export const runMineRequest = z.object({}).strict();

export type RunStartRequest = z.input<typeof runStartRequest>;
export type RunMetricsRequest = z.input<typeof runMetricsRequest>;
export type RunFinishRequest = z.input<typeof runFinishRequest>;
export type RunMineRequest = z.input<typeof runMineRequest>;

/** The participant's own runs of the current round with every stored point, to restore a reloaded page. */
export interface RunMineReply {
  runs: RunView[];
  points: Record<string, MetricPoint[]>;
}

export type RunStatus = 'running' | 'completed' | 'stopped';

/** A run as every member of the session may see it. */
export interface RunView {
  id: string;
  participantId: string;
  round: number;
  config: z.infer<typeof runConfigSchema>;
  status: RunStatus;
  /** Milliseconds since the Unix epoch. */
  startedAt: number;
  /** Highest step reported so far. */
  lastStep: number;
  /** Points stored with a validation loss: the length of the run's full validation curve. */
  curvePoints: number;
  /** Best (lowest) validation loss so far, with the step and time it was reached. */
  best: { valLoss: number; accuracy: number | null; step: number; at: number } | null;
  /** Best (highest) task accuracy so far, with the step and time it was first reached. */
  bestAccuracy: { accuracy: number; step: number; at: number } | null;
}

export interface RunMetricsReply {
  /** Points stored by this request; a resent point that was already stored is not counted again. */
  stored: number;
}
