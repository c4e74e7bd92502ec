import type { Participant, SessionMeta } from '../../lib/domain/session';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import type { RoundState } from '../../lib/protocol/schemas';
import { verificationSchema, type Verification } from '../../lib/protocol/verification';
import type { ReviewKey, RoundChallenge } from './store';
import {
  parseStored,
  parseStoredJson,
  participantSchema,
  readStored,
  reviewKeySchema,
  roundChallengeSchema,
  roundStateSchema,
  runViewSchema,
  sessionMetaSchema,
  STORE_FORMAT,
  storedPointSchema,
  testSeedSchema,
} from './formats';

/**
 * How the Redis store lays values out (flat hashes of strings, JSON for nested parts) and reads them
 * back through the stored-data schemas of formats.ts. The meta hash's `format` field covers every key
 * of the session.
 */

/** The part of a run that never changes, stored as JSON in the session's runs hash. */
export type RunFixed = Omit<RunView, 'status' | 'lastStep' | 'curvePoints' | 'best' | 'bestAccuracy'>;

const runFixedSchema = runViewSchema.pick({
  id: true,
  participantId: true,
  round: true,
  config: true,
  startedAt: true,
});

/** A nullable number as a hash field: '' for null. */
export const nullable = (value: number | null) => (value === null ? '' : String(value));
const orNull = (field: string | undefined) => (field ? Number(field) : null);

/** The meta hash of a new session. */
export function metaFields(meta: SessionMeta): Record<string, string> {
  const { round } = meta;
  return {
    format: String(STORE_FORMAT),
    code: meta.code,
    createdAt: String(meta.createdAt),
    hostTokenHash: meta.hostTokenHash,
    locked: meta.locked ? '1' : '0',
    revision: String(meta.revision),
    challenge: JSON.stringify(meta.challenge),
    roundIndex: String(round.index),
    roundStatus: round.status,
    roundStartedAt: nullable(round.startedAt),
    roundEndsAt: nullable(round.endsAt),
    roundEndedAt: nullable(round.endedAt),
    boardVisibility: meta.boardVisibility,
    boardTopN: String(meta.boardTopN),
  };
}

function roundValue(meta: Record<string, string>) {
  return {
    index: Number(meta.roundIndex),
    status: meta.roundStatus,
    startedAt: orNull(meta.roundStartedAt),
    endsAt: orNull(meta.roundEndsAt),
    endedAt: orNull(meta.roundEndedAt),
  };
}

export function roundFrom(meta: Record<string, string>): RoundState {
  return parseStored(roundStateSchema, roundValue(meta), `Session ${meta.code}'s round`);
}

/** Reads a session's meta hash, checking its format (see formats.ts). */
export function metaFrom(meta: Record<string, string>): SessionMeta {
  const what = `Session ${meta.code}'s meta`;
  const value = {
    code: meta.code,
    createdAt: Number(meta.createdAt),
    hostTokenHash: meta.hostTokenHash,
    locked: meta.locked === '1',
    revision: Number(meta.revision),
    challenge: parseStoredJson(meta.challenge, what),
    round: roundValue(meta),
    boardVisibility: meta.boardVisibility,
    boardTopN: Number(meta.boardTopN),
  };
  return readStored(sessionMetaSchema, value, meta.format, what);
}

export function participantFrom(json: string, code: string): Participant {
  const what = `A participant of session ${code}`;
  return parseStored(participantSchema, parseStoredJson(json, what), what);
}

export function runFixedFrom(json: string, code: string): RunFixed {
  const what = `A run of session ${code}`;
  return parseStored(runFixedSchema, parseStoredJson(json, what), what);
}

/** A run from its fixed part and its state hash. */
export function runFrom(fixed: RunFixed, state: Record<string, string>, code: string): RunView {
  const value = {
    ...fixed,
    status: state.status,
    lastStep: Number(state.lastStep),
    curvePoints: Number(state.curvePoints ?? 0),
    best: state.bestValLoss
      ? {
          valLoss: Number(state.bestValLoss),
          accuracy: orNull(state.bestAccuracy),
          step: Number(state.bestStep),
          at: Number(state.bestAt),
        }
      : null,
    bestAccuracy: state.bestAcc
      ? { accuracy: Number(state.bestAcc), step: Number(state.bestAccStep), at: Number(state.bestAccAt) }
      : null,
  };
  return parseStored(runViewSchema, value, `Run ${fixed.id} of session ${code}`);
}

export function pointFrom(json: string, code: string): MetricPoint {
  const what = `A metric point of session ${code}`;
  return parseStored(storedPointSchema, parseStoredJson(json, what), what);
}

export function reviewKeyFrom(json: string, code: string): ReviewKey {
  const what = `A review key of session ${code}`;
  return parseStored(reviewKeySchema, parseStoredJson(json, what), what);
}

/** A round's challenge from the round-challenges hash: `round` is the field, `json` the value. */
export function roundChallengeFrom(round: number, json: string, code: string): RoundChallenge {
  const what = `Round ${round}'s challenge of session ${code}`;
  return parseStored(roundChallengeSchema, { round, challenge: parseStoredJson(json, what) }, what);
}

/** A round's secret test seed from the test-seeds hash. */
export function testSeedFrom(value: string, code: string): number {
  return parseStored(testSeedSchema, Number(value), `A round's test seed of session ${code}`);
}

/** A run's verification from its state hash's `verified` field. */
export function verificationFrom(json: string, code: string): Verification {
  const what = `A run's verification of session ${code}`;
  return parseStored(verificationSchema, parseStoredJson(json, what), what);
}
