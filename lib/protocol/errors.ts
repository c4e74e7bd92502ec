/** Every failed request is answered with one of these codes, so clients can react without parsing prose. */
export const ErrorCode = {
  /** The payload did not match the event's schema; `issues` says where. */
  BadRequest: 'BAD_REQUEST',
  /** No session with that code (never existed, or expired). */
  SessionNotFound: 'SESSION_NOT_FOUND',
  /** The host locked the session: nobody new can join. */
  SessionLocked: 'SESSION_LOCKED',
  /** The session has as many participants as the server admits (MAX_PARTICIPANTS_PER_SESSION). */
  SessionFull: 'SESSION_FULL',
  /** Another participant already uses this nickname (compared case-insensitively). */
  NicknameTaken: 'NICKNAME_TAKEN',
  /** The credential is wrong, or the socket has not joined a session in the role the event needs. */
  Forbidden: 'FORBIDDEN',
  /** The host removed this participant; their credential is revoked. */
  Kicked: 'KICKED',
  /** The participant id named in a host command does not exist in this session. */
  ParticipantNotFound: 'PARTICIPANT_NOT_FOUND',
  /** A round is running, and the request needs none (changing the challenge, starting another). */
  RoundRunning: 'ROUND_RUNNING',
  /** No round is running (or the run belongs to an earlier one). */
  RoundNotRunning: 'ROUND_NOT_RUNNING',
  /** The participant has used every run the challenge allows in this round. */
  RunLimit: 'RUN_LIMIT',
  /** No run with that id belongs to this participant. */
  RunNotFound: 'RUN_NOT_FOUND',
  /** The run's weights were verified already; they cannot be replaced. */
  AlreadyVerified: 'ALREADY_VERIFIED',
  /** The request body is larger than the route allows. */
  TooLarge: 'TOO_LARGE',
  /** Too many requests from this connection; retry later. */
  RateLimited: 'RATE_LIMITED',
  /** An unexpected server fault; the session is unchanged. */
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Reason codes in the `connect_error` data when the handshake is refused. */
export const HandshakeError = {
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
} as const;
export type HandshakeError = (typeof HandshakeError)[keyof typeof HandshakeError];

export interface ErrorBody {
  code: ErrorCode;
  /** Human-readable, safe to show to the user as it is. */
  message: string;
  /** For BAD_REQUEST: one entry per schema violation. */
  issues?: { path: string; message: string }[];
}

/** The one reply shape of every request: `{ ok: true, data }` or `{ ok: false, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
