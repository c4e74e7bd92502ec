import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { BoardVisibility } from '../../lib/protocol/board';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunStatus, RunView } from '../../lib/protocol/run';
import type { RoundState } from '../../lib/protocol/schemas';
import type { Verification } from '../../lib/protocol/verification';

/** A participant to add, with the uniqueness key of their nickname and the session's cap. */
export interface Admission {
  participant: Participant;
  nicknameKey: string;
  maxParticipants: number;
}

/** A new nickname for a participant, with the uniqueness keys of the new and the current one. */
export interface Rename {
  participantId: string;
  nickname: string;
  nicknameKey: string;
  previousKey: string;
}
export type RenameResult = 'ok' | 'not-found' | 'nickname-taken';
export type ParticipantStanding = 'active' | 'kicked';
export type AddParticipantResult = 'ok' | 'not-found' | 'locked' | 'full' | 'nickname-taken';
export type RoundChangeResult = RoundState | 'not-found' | 'conflict';
export type CreateRunResult = 'ok' | 'exists' | 'limit' | 'round-not-running';

/**
 * What a weights upload did: 'queued' (stored, and a job queued to score them), 'pending' (the run's
 * weights already wait to be scored: a retry, nothing changed), 'done' (the run is already verified:
 * nothing changed), 'not-found' (no such run).
 */
export type SubmitWeightsResult = 'queued' | 'pending' | 'done' | 'not-found';

/** A run whose submitted weights wait to be scored. */
export interface VerifyJob {
  code: string;
  runId: string;
}

/** A read-only key of a session (the review link), kept only as the SHA-256 of the secret. */
export interface ReviewKey {
  hash: string;
  /** Whoever reads with this key sees "Student 1", "Student 2"... instead of nicknames. */
  anonymous: boolean;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

/** The challenge a round was played with, as it was when the round started. */
export interface RoundChallenge {
  round: number;
  challenge: Challenge;
}

/**
 * All authoritative session state goes through this interface, so a second server instance or a restart
 * sees the same session. Each method is atomic on its own: two servers racing cannot both take a nickname,
 * a join code, a round transition or a student's last run. Implementations: MemoryStore (embedded
 * default) and RedisStore. Times are milliseconds since the Unix epoch.
 */
export interface Store {
  /** Stores a new session. Resolves false, changing nothing, when the code is already in use. */
  createSession(meta: SessionMeta): Promise<boolean>;
  /** The whole session, or null when the code is unknown or expired. */
  getSession(code: string): Promise<SessionRecord | null>;
  /** Only the session's settings and round, without participants: what the metrics path needs. */
  getSessionMeta(code: string): Promise<SessionMeta | null>;
  /**
   * Adds a participant unless the session is missing or locked, has `maxParticipants` who were not
   * removed, or `nicknameKey` is taken by anyone who ever joined it (removed participants included).
   */
  addParticipant(code: string, admission: Admission): Promise<AddParticipantResult>;
  /**
   * Where a participant stands, read fresh on every request: 'active', 'kicked' (removed by the host),
   * or null when the session or participant does not exist.
   */
  participantStanding(code: string, participantId: string): Promise<ParticipantStanding | null>;
  /** Marks a participant as removed. Resolves false when the session or participant does not exist. */
  markKicked(code: string, participantId: string): Promise<boolean>;
  /** Resolves false when the session does not exist. */
  setLocked(code: string, locked: boolean): Promise<boolean>;
  /**
   * Renames a participant, keeping nicknames unique: the new key must be free or already theirs; the old
   * key is released.
   */
  renameParticipant(code: string, rename: Rename): Promise<RenameResult>;
  /** Resolves false when the session does not exist. */
  setBoardVisibility(code: string, visibility: BoardVisibility, topN: number): Promise<boolean>;
  /** Replaces the challenge; 'conflict' while a round is running. */
  setChallenge(code: string, challenge: Challenge): Promise<'ok' | 'not-found' | 'conflict'>;
  /**
   * Opens round index+1 with the current challenge, and records that challenge as the round's, with the
   * secret seed of its test split; 'conflict' while one is running.
   */
  startRound(code: string, startedAt: number, endsAt: number | null, testSeed: number): Promise<RoundChangeResult>;
  /** The secret test seed round `round` started with; null for an unknown session or round. Never sent to clients. */
  roundTestSeed(code: string, round: number): Promise<number | null>;
  /** Ends round `index` if it is still running (so two instances' timers end it once); else 'conflict'. */
  endRound(code: string, index: number, endedAt: number): Promise<RoundChangeResult>;
  /** Running rounds whose deadline is at or before `now`, across all sessions. */
  dueRounds(now: number): Promise<{ code: string; index: number }[]>;
  /**
   * Records a new run in the running round `run.round`, unless its id exists, the round is not the
   * running one, or the participant already has `maxRuns` runs in it.
   */
  createRun(code: string, run: RunView, maxRuns: number): Promise<CreateRunResult>;
  getRun(code: string, runId: string): Promise<RunView | null>;
  /**
   * Stores each point whose `seq` is new for the run (a resent point is ignored) and updates the run's
   * summary, by the rule of lib/domain/run-points.ts. Resolves with the points that were new.
   */
  appendPoints(code: string, runId: string, points: MetricPoint[], receivedAt: number): Promise<MetricPoint[]>;
  /** Sets a run's final status. Resolves false when the run does not exist. */
  finishRun(code: string, runId: string, status: Exclude<RunStatus, 'running'>): Promise<boolean>;
  /** Every run of one round, in start order (ties by id). */
  listRuns(code: string, round: number): Promise<RunView[]>;
  /** A run's points in `seq` order. */
  getPoints(code: string, runId: string): Promise<MetricPoint[]>;
  /**
   * Keeps an uploaded text for the session's lifetime, unless the session already keeps `maxTexts` others
   * ('full'). Storing a text the session has is 'ok'.
   */
  putText(code: string, textId: string, text: string, maxTexts: number): Promise<'ok' | 'not-found' | 'full'>;
  getText(code: string, textId: string): Promise<string | null>;
  /** The challenge of every round started so far, by round. */
  roundChallenges(code: string): Promise<RoundChallenge[]>;
  /** Adds a review key; does not count as a visible change. Resolves false when the session does not exist. */
  addReviewKey(code: string, key: ReviewKey): Promise<boolean>;
  /**
   * Keeps a run's submitted weights (lib/model/weights-io.ts's blob), marks its verification pending and
   * queues a VerifyJob, all at once; unless the run's weights already wait or it is verified (see
   * SubmitWeightsResult). A run whose verification failed can submit again.
   */
  submitWeights(code: string, runId: string, weights: Uint8Array): Promise<SubmitWeightsResult>;
  /** A run's submitted weights while they wait to be scored; null otherwise. */
  getWeights(code: string, runId: string): Promise<Uint8Array | null>;
  /**
   * Records the scoring of a run whose verification is pending, and drops its weights. Resolves false,
   * changing nothing, when it is not pending (another instance finished it first, or the run is gone).
   */
  completeVerification(code: string, runId: string, result: Verification): Promise<boolean>;
  /** The verification of each of `runIds`, in that order; null for a run without one. */
  verifications(code: string, runIds: readonly string[]): Promise<(Verification | null)[]>;
  /** The session's review keys (none once revoked), oldest first. */
  listReviewKeys(code: string): Promise<ReviewKey[]>;
  /** Removes every review key of the session. Resolves false when the session does not exist. */
  revokeReviewKeys(code: string): Promise<boolean>;
  /**
   * Removes the session and everything stored about it (participants, runs, points, texts, keys); its
   * code answers as unknown at once. Resolves false when it did not exist.
   */
  deleteSession(code: string): Promise<boolean>;
  /** Finishes pending writes and releases connections. */
  close(): Promise<void>;
}
