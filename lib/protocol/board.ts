import { z } from 'zod';
import type { Cell, Challenge, RankingMetric } from './challenge';
import type { RunView } from './run';
import type { Verification } from './verification';
import { nicknameSchema } from './schemas';

/** What students see of the board; the host always sees everything. */
export const BOARD_VISIBILITIES = ['full', 'anonymous', 'top'] as const;
export type BoardVisibility = (typeof BOARD_VISIBILITIES)[number];

/** One run on the class board: a RunView with its author's nickname and its cell at hand. */
export type BoardRun = Pick<
  RunView,
  'participantId' | 'config' | 'status' | 'startedAt' | 'lastStep' | 'curvePoints' | 'best' | 'bestAccuracy'
> & {
  runId: string;
  /** null when the board is shown to students anonymously (their own runs keep their name). */
  nickname: string | null;
  cell: Cell;
  /**
   * The server's scores of the run's submitted weights on the round's secret test split; null until its
   * student submitted them. `flagged` once scored: the reported best validation loss beats the server's.
   */
  verified: Verification | null;
};

/** A run's validation curve: [step, valLoss, accuracy | null] triples in step order. */
export type CurvePoint = [step: number, valLoss: number, accuracy: number | null];

/** The whole board of one round, as `board:get` returns it. */
export interface BoardSnapshot {
  round: number;
  /** The challenge the round was played with (an earlier round's may differ from the current one). */
  challenge: Challenge;
  budgetSteps: number;
  /** What the round's challenge ranks by (it cannot change while a round runs). */
  rankingMetric: RankingMetric;
  runs: BoardRun[];
  curves: Record<string, CurvePoint[]>;
}

/** What changed since the last push: runs whose summary changed and their new curve points. */
export interface BoardDelta {
  round: number;
  runs: BoardRun[];
  curves: Record<string, CurvePoint[]>;
}

export const boardGetRequest = z
  .object({
    round: z.number().int().min(1).max(10_000).optional(),
    /** false: runs only. A full class's curves are megabytes, and a student's table needs none of them. */
    curves: z.boolean().default(true),
  })
  .strict();
export const boardVisibilityRequest = z
  .object({ visibility: z.enum(BOARD_VISIBILITIES), topN: z.number().int().min(1).max(50).default(5) })
  .strict();
export const hostRenameRequest = z
  .object({ participantId: z.string().min(1).max(64), nickname: nicknameSchema })
  .strict();

export type BoardGetRequest = z.input<typeof boardGetRequest>;
export type BoardVisibilityRequest = z.input<typeof boardVisibilityRequest>;
export type HostRenameRequest = z.input<typeof hostRenameRequest>;
