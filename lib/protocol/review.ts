import './zod-setup';
import { z } from 'zod';
import type { Challenge } from './challenge';
import type { MetricPoint, RunView } from './run';
import type { Verification } from './verification';

/**
 * After class: the host's review link (a read-only key), deleting a session, and the export's shape.
 * `review:link`, `review:revoke` and `session:delete` are host-only requests; PROTOCOL.md documents them
 * with the export routes.
 */

/** `anonymous`: whoever reads with the key sees "Student 1", "Student 2"... instead of nicknames. */
export const reviewLinkRequest = z.object({ anonymous: z.boolean() }).strict();
export const reviewRevokeRequest = z.object({}).strict();
export const sessionDeleteRequest = z.object({}).strict();

export type ReviewLinkRequest = z.input<typeof reviewLinkRequest>;
export type ReviewRevokeRequest = z.input<typeof reviewRevokeRequest>;
export type SessionDeleteRequest = z.input<typeof sessionDeleteRequest>;

/** A new read-only key (43 characters, like the host key); the server keeps only its SHA-256. */
export interface ReviewLinkReply {
  reviewKey: string;
}

/** Sent to every member of a session its host deleted, just before their sockets are disconnected. */
export interface SessionDeletedNotice {
  message: string;
}

/** A participant as the export shows them; `nickname` is "Student N" for an anonymised review key. */
export interface ExportParticipant {
  id: string;
  nickname: string;
  /** Milliseconds since the Unix epoch. */
  joinedAt: number;
  /** The host removed them. */
  removed: boolean;
}

/**
 * A run with whose it is, the server's scores of its submitted weights (`flagged` only for the host key)
 * and every stored point, in `seq` order. Losses in bits per token.
 */
export interface ExportRun extends RunView {
  nickname: string;
  verified: Verification | null;
  points: MetricPoint[];
}

/** `GET /api/sessions/<code>/export.json`: the whole session. */
export interface SessionExport {
  code: string;
  /** Milliseconds since the Unix epoch. */
  exportedAt: number;
  /** Nicknames are replaced (an anonymised review key). */
  anonymous: boolean;
  /** Each round started so far with the challenge it was played with, by round. */
  rounds: { round: number; challenge: Challenge }[];
  /** In join order, removed ones included. */
  participants: ExportParticipant[];
  /** Every run of every round, by round, then in start order. */
  runs: ExportRun[];
}
