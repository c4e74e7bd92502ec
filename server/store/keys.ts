/** Key names and lifetimes for the Redis store, in one place. */

/** A session lives this long after its last change, then its code can be reused. */
export const SESSION_TTL_S = 14 * 24 * 60 * 60; // 14 days: long enough to review a finished class

const PREFIX = 'arena';

/** The `{code}` hash tag keeps one session's keys in one Redis Cluster slot, so scripts can touch them all. */
export const sessionKeys = (code: string) => ({
  meta: `${PREFIX}:{${code}}:meta`,
  participants: `${PREFIX}:{${code}}:participants`,
  nicknames: `${PREFIX}:{${code}}:nicknames`,
  /** Ids of removed participants; kept apart so a participant's JSON is written once, never edited. */
  kicked: `${PREFIX}:{${code}}:kicked`,
});
