/** Key names and lifetimes for the Redis store, in one place. */

/** How long a session is kept after its last change unless `RETENTION_DAYS` says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30; // a month: time to review a class and export it
/** A session lives this long after its last change (by default), then its code can be reused. */
export const SESSION_TTL_S = DEFAULT_RETENTION_DAYS * 24 * 60 * 60;

const PREFIX = 'arena';

/**
 * The `{code}` hash tag keeps one session's keys in one Redis Cluster slot, so scripts can touch them all.
 * `session` lists the keys every session has, in the order the scripts expect them.
 */
export const sessionKeys = (code: string) => {
  const base = `${PREFIX}:{${code}}`;
  return {
    meta: `${base}:meta`,
    participants: `${base}:participants`,
    nicknames: `${base}:nicknames`,
    /** Ids of removed participants; kept apart so a participant's JSON is written once, never edited. */
    kicked: `${base}:kicked`,
    /** participant id -> nickname set by the host, overriding the one they joined with. */
    renames: `${base}:renames`,
    /** Run id -> the run's fixed part (who, which round, its configuration, when), as JSON. */
    runs: `${base}:runs`,
    /** The run's changing part: status, last step, best validation loss. */
    runState: (runId: string) => `${base}:run:${runId}`,
    /** seq -> metric point JSON; HSETNX makes a resent point a no-op. */
    points: (runId: string) => `${base}:points:${runId}`,
    /** An uploaded text (the instructor's own corpus), by content hash. */
    text: (textId: string) => `${base}:text:${textId}`,
    /** The ids of the session's texts, to cap how many it keeps. */
    textIds: `${base}:texts`,
    /** A run's submitted weights (base64 of the blob) while they wait to be scored. */
    weights: (runId: string) => `${base}:weights:${runId}`,
    /** participant id -> runs started in that round. */
    runCount: (round: number) => `${base}:runcount:${round}`,
    /** Round index -> the challenge JSON the round started with. */
    roundChallenges: `${base}:round-challenges`,
    /** Round index -> the secret seed of its test split; never sent to a client. */
    testSeeds: `${base}:test-seeds`,
    /** SHA-256 of a review key -> its JSON (anonymous, createdAt). */
    reviewKeys: `${base}:review-keys`,
    /**
     * The name of every key the session has, so every one gets the same expiry on each change and a
     * delete finds them all (see redis-scripts.ts).
     */
    keySet: `${base}:keys`,
  };
};

/**
 * Running rounds scored by their deadline, across sessions, so any instance's clock can end them.
 * A global key: the round scripts that touch it assume one Redis server, not a Cluster.
 */
export const ROUND_DEADLINES_KEY = `${PREFIX}:round-deadlines`;

/**
 * The verification jobs of every session: a Redis Stream read by the consumer group VERIFY_GROUP, one
 * consumer per server instance. A global key, like ROUND_DEADLINES_KEY.
 */
export const VERIFY_JOBS_KEY = `${PREFIX}:verify-jobs`;
export const VERIFY_GROUP = 'verifiers';
