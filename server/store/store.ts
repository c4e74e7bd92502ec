import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';

export type AddParticipantResult = 'ok' | 'not-found' | 'locked' | 'nickname-taken';

/**
 * All authoritative session state goes through this interface, so a second server instance or a restart
 * sees the same session. Each method is atomic on its own: two servers racing cannot both take a nickname
 * or a join code. Implementations: MemoryStore (embedded default) and RedisStore.
 */
export interface Store {
  /** Stores a new session. Resolves false, changing nothing, when the code is already in use. */
  createSession(meta: SessionMeta): Promise<boolean>;
  /** The whole session, or null when the code is unknown or expired. */
  getSession(code: string): Promise<SessionRecord | null>;
  /**
   * Adds a participant unless the session is missing or locked, or `nicknameKey` is taken by anyone who
   * ever joined it (removed participants included).
   */
  addParticipant(code: string, participant: Participant, nicknameKey: string): Promise<AddParticipantResult>;
  /** Marks a participant as removed. Resolves false when the session or participant does not exist. */
  markKicked(code: string, participantId: string): Promise<boolean>;
  /** Resolves false when the session does not exist. */
  setLocked(code: string, locked: boolean): Promise<boolean>;
  /** Finishes pending writes and releases connections. */
  close(): Promise<void>;
}
