import { applyPoints } from '../../lib/domain/run-points';
import type { SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import type { Verification } from '../../lib/protocol/verification';
import type { LoadedSession, SessionFile } from './session-files';
import type { ReviewKey } from './store';

/** A run in memory: its summary, its points by `seq`, and the scoring of its submitted weights. */
export interface RunState {
  run: RunView;
  points: Map<number, MetricPoint>;
  verification: Verification | null;
  /** Submitted weights while they wait to be scored. */
  weights: Uint8Array | null;
}

/** Everything the embedded store holds about one session. */
export interface SessionState {
  record: SessionRecord;
  nicknameKeys: Set<string>;
  runs: Map<string, RunState>;
  /** Uploaded texts by id. */
  texts: Map<string, string>;
  reviewKeys: ReviewKey[];
  /** Round index -> the challenge it started with. */
  roundChallenges: Map<number, Challenge>;
  /** Round index -> the secret seed of its test split. */
  testSeeds: Map<number, number>;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

export function newSessionState(meta: SessionMeta): SessionState {
  return {
    record: { meta: structuredClone(meta), participants: [] },
    nicknameKeys: new Set(),
    runs: new Map(),
    texts: new Map(),
    reviewKeys: [],
    roundChallenges: new Map(),
    testSeeds: new Map(),
    expiresAt: 0,
  };
}

/** Stores a batch of points under the one point rule (lib/domain/run-points); returns the new points. */
export function storePoints(state: RunState, batch: readonly MetricPoint[], receivedAt: number): MetricPoint[] {
  const { run, fresh } = applyPoints({ run: state.run, seqs: state.points }, batch, receivedAt);
  state.run = run;
  for (const p of fresh) state.points.set(p.seq, { ...p });
  return fresh;
}

/** What `session.json` records of the state (see SessionFiles). */
export function toSessionFile(state: SessionState): SessionFile {
  return {
    record: state.record,
    nicknameKeys: [...state.nicknameKeys],
    runs: [...state.runs.values()].map(({ run }) => run),
    reviewKeys: state.reviewKeys,
    roundChallenges: [...state.roundChallenges].map(([round, challenge]) => ({ round, challenge })),
    verifications: [...state.runs.values()].flatMap(({ run, verification }) =>
      verification ? [{ runId: run.id, verification }] : [],
    ),
    testSeeds: [...state.testSeeds].map(([round, testSeed]) => ({ round, testSeed })),
    expiresAt: state.expiresAt,
  };
}

/**
 * Rebuilds a session from its files: the session file, then every logged batch of points replayed in
 * order under the same rule that stored it. The summaries in the session file may already count some
 * logged points; replaying them again changes nothing. Points keep a session alive, so its lifetime
 * runs from the last logged batch when that is later. `ttlMs`: a session's lifetime after a change.
 */
export function replaySession({ file, points, texts, weights }: LoadedSession, ttlMs: number): SessionState {
  const verified = new Map(file.verifications.map(({ runId, verification }) => [runId, verification]));
  const stored = new Map(weights);
  const runs = new Map<string, RunState>(
    file.runs.map((run) => [
      run.id,
      {
        run,
        points: new Map(),
        verification: verified.get(run.id) ?? null,
        weights: verified.get(run.id)?.status === 'pending' ? (stored.get(run.id) ?? null) : null,
      },
    ]),
  );
  let expiresAt = file.expiresAt;
  for (const batch of points) {
    const run = runs.get(batch.runId);
    if (!run) continue;
    storePoints(run, batch.points, batch.receivedAt);
    expiresAt = Math.max(expiresAt, batch.receivedAt + ttlMs);
  }
  return {
    record: file.record,
    nicknameKeys: new Set(file.nicknameKeys),
    runs,
    texts: new Map(texts),
    reviewKeys: file.reviewKeys,
    roundChallenges: new Map(file.roundChallenges.map(({ round, challenge }) => [round, challenge])),
    testSeeds: new Map(file.testSeeds.map(({ round, testSeed }) => [round, testSeed])),
    expiresAt,
  };
}
