import { z } from 'zod';
import type { Participant, SessionMeta } from '../../lib/domain/session';
import { BOARD_VISIBILITIES } from '../../lib/protocol/board';
import { challengeSchema, runConfigSchema } from '../../lib/protocol/challenge';
import { metricPointSchema, type RunView } from '../../lib/protocol/run';
import type { RoundState } from '../../lib/protocol/schemas';
import type { ReviewKey, RoundChallenge } from './store';

/**
 * Data at rest is a contract too. Whatever the stores write carries this format number: on disk each
 * session file and each line of the points log; in Redis the session's meta hash, for every key of the
 * session (they are written by one server version and expire together). Every value is read back
 * through the schemas below, never cast. Format 1 is the layout written before format numbers existed (2026-11); it has the
 * same shape as format 2, so reading it migrates it. A newer format is refused with a clear message.
 */
export const STORE_FORMAT = 2;

/** Stored data this server cannot read: written by a newer version, or damaged. */
export class StoredDataError extends Error {
  override name = 'StoredDataError';
}

const epochMs = z.number().int().min(0);
const nullableEpochMs = epochMs.nullable();

export const participantSchema = z.object({
  id: z.string().min(1),
  nickname: z.string().min(1),
  tokenHash: z.string().min(1),
  joinedAt: epochMs,
  kicked: z.boolean(),
}) satisfies z.ZodType<Participant>;

export const roundStateSchema = z.object({
  index: z.number().int().min(0),
  status: z.enum(['idle', 'running', 'ended']),
  startedAt: nullableEpochMs,
  endsAt: nullableEpochMs,
  endedAt: nullableEpochMs,
}) satisfies z.ZodType<RoundState>;

export const sessionMetaSchema = z.object({
  code: z.string().min(1),
  createdAt: epochMs,
  hostTokenHash: z.string().min(1),
  locked: z.boolean(),
  revision: z.number().int().min(0),
  challenge: challengeSchema,
  round: roundStateSchema,
  boardVisibility: z.enum(BOARD_VISIBILITIES),
  boardTopN: z.number().int().min(1),
}) satisfies z.ZodType<SessionMeta>;

const bestSchema = z.object({
  valLoss: z.number(),
  accuracy: z.number().nullable(),
  step: z.number().int(),
  at: epochMs,
});
const bestAccuracySchema = z.object({ accuracy: z.number(), step: z.number().int(), at: epochMs });

export const runViewSchema = z.object({
  id: z.string().min(1),
  participantId: z.string().min(1),
  round: z.number().int().min(1),
  config: runConfigSchema,
  status: z.enum(['running', 'completed', 'stopped']),
  startedAt: epochMs,
  lastStep: z.number().int().min(0),
  // Format 1 did not count them: 0 there (the embedded store recounts on load).
  curvePoints: z.number().int().min(0).default(0),
  best: bestSchema.nullable(),
  bestAccuracy: bestAccuracySchema.nullable(),
}) satisfies z.ZodType<RunView>;

export const reviewKeySchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  anonymous: z.boolean(),
  createdAt: epochMs,
}) satisfies z.ZodType<ReviewKey>;

export const roundChallengeSchema = z.object({
  round: z.number().int().min(1),
  challenge: challengeSchema,
}) satisfies z.ZodType<RoundChallenge>;

/** The secret seed of a round's test split (see HeldOut). */
export const testSeedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** A stored metric point: the wire's point, already checked when it arrived. */
export const storedPointSchema = metricPointSchema;

/**
 * Checks a stored format number (absent: format 1) and parses `value` with `schema`. `what` names the
 * data in the error, e.g. "Session ABCDEF's session.json". Throws StoredDataError.
 */
export function readStored<S extends z.ZodType>(schema: S, value: unknown, format: unknown, what: string): z.output<S> {
  const version = format === undefined ? 1 : Number(format);
  if (!Number.isInteger(version) || version < 1 || version > STORE_FORMAT) {
    throw new StoredDataError(
      `${what} is in format ${String(format)}, but this server reads formats 1 to ${STORE_FORMAT}: ` +
        'it was written by a newer RNN Arena. Run that version, or remove the data.',
    );
  }
  return parseStored(schema, value, what);
}

/** Parses a value whose format its container already vouched for (see readStored). */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredDataError(`${what} is damaged: ${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Parses JSON this server stored; `what` names it in the StoredDataError thrown for damaged text. */
export function parseStoredJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new StoredDataError(`${what} is damaged: not JSON`);
  }
}
