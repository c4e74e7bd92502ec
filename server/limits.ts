/**
 * The server's caps and rate limits, each configurable (see readConfig) so an operator can size them to
 * a room. Defaults fit a class of a few hundred behind one network address (a school's NAT).
 */
export interface Limits {
  /** Participants a session admits (removed ones do not count); then `SESSION_FULL`. */
  participantsPerSession: number;
  /** Uploaded texts a session keeps; then 409. */
  textsPerSession: number;
  /** Sessions one network address may create per hour. */
  sessionsPerAddressPerHour: number;
  /** Join attempts (right or wrong) one network address may make per minute: guessing codes stays slow. */
  joinsPerAddressPerMinute: number;
  /** Requests per second one participant may make, over all their connections (burst: 4 seconds' worth). */
  requestsPerParticipantPerSecond: number;
  /** Requests per second one network address may make, over all its connections (burst: 4 seconds' worth). */
  requestsPerAddressPerSecond: number;
  /** Board loads with curves per second per session (a megabyte each in a big class; burst: 5 seconds' worth). */
  boardLoadsPerSessionPerSecond: number;
  /** Exports (CSV or JSON, each a read of every stored point) per minute with one key; then 429. */
  exportsPerKeyPerMinute: number;
  /** Weight uploads (each up to a model's size) per minute with one participant key; then 429. */
  uploadsPerKeyPerMinute: number;
  /** Open Socket.IO connections from one network address on one instance; further handshakes get 403. */
  connectionsPerAddress: number;
  /** Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  participantsPerSession: 500,
  textsPerSession: 20,
  sessionsPerAddressPerHour: 30,
  joinsPerAddressPerMinute: 600,
  requestsPerParticipantPerSecond: 5,
  requestsPerAddressPerSecond: 2_000,
  boardLoadsPerSessionPerSecond: 2,
  exportsPerKeyPerMinute: 60,
  uploadsPerKeyPerMinute: 30,
  // A school's NAT: several classes of a few hundred, a tab or two each.
  connectionsPerAddress: 2_000,
  trustProxy: false,
};

/** Environment variable per limit. */
const LIMIT_VARIABLES: Record<Exclude<keyof Limits, 'trustProxy'>, string> = {
  participantsPerSession: 'MAX_PARTICIPANTS_PER_SESSION',
  textsPerSession: 'MAX_TEXTS_PER_SESSION',
  sessionsPerAddressPerHour: 'SESSIONS_PER_ADDRESS_PER_HOUR',
  joinsPerAddressPerMinute: 'JOINS_PER_ADDRESS_PER_MINUTE',
  requestsPerParticipantPerSecond: 'REQUESTS_PER_PARTICIPANT_PER_SECOND',
  requestsPerAddressPerSecond: 'REQUESTS_PER_ADDRESS_PER_SECOND',
  boardLoadsPerSessionPerSecond: 'BOARD_LOADS_PER_SESSION_PER_SECOND',
  exportsPerKeyPerMinute: 'EXPORTS_PER_KEY_PER_MINUTE',
  uploadsPerKeyPerMinute: 'UPLOADS_PER_KEY_PER_MINUTE',
  connectionsPerAddress: 'MAX_CONNECTIONS_PER_ADDRESS',
};

/** The limits the environment sets, each a positive whole number; `TRUST_PROXY=1` trusts X-Forwarded-For. */
export function readLimits(env: NodeJS.ProcessEnv): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS, trustProxy: env.TRUST_PROXY === '1' };
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof typeof LIMIT_VARIABLES, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${variable} must be a whole number above 0, got "${raw}"`);
    limits[key] = value;
  }
  return limits;
}
