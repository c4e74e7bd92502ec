import { DEFAULT_CHALLENGE } from '../../lib/domain/challenge-presets';
import { generateJoinCode } from '../../lib/domain/join-code';
import {
  NO_ROUND,
  nicknameKey,
  type Participant,
  type SessionMeta,
  type SessionRecord,
} from '../../lib/domain/session';
import { ErrorCode } from '../../lib/protocol/errors';
import type { Store } from '../store/store';
import type { ServiceDeps } from './deps';
import { hashToken, newId, newToken, secureRandomInt, tokenMatches } from './credentials';
import { ServiceError } from './service-error';

/** With 31^6 ≈ 887 million codes a collision is rare; a few retries make it vanishingly so. */
const CODE_ATTEMPTS = 8;

/** What a removed participant is told. */
export const KICKED_MESSAGE = 'The instructor removed you from this class.';

const notFound = (code: string) =>
  new ServiceError(
    ErrorCode.SessionNotFound,
    `No class uses the code ${code}. Check the code, or ask your instructor: it may have expired.`,
  );

/** Creates a session and returns its code and the host's secret token. */
export async function createSession({
  store,
  now,
}: ServiceDeps): Promise<{ record: SessionRecord; hostToken: string }> {
  const hostToken = newToken();
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const meta: SessionMeta = {
      code: generateJoinCode(secureRandomInt),
      createdAt: now(),
      hostTokenHash: hashToken(hostToken),
      locked: false,
      revision: 0,
      challenge: DEFAULT_CHALLENGE,
      round: NO_ROUND,
      boardVisibility: 'full',
      boardTopN: 5,
    };
    if (await store.createSession(meta)) return { record: { meta, participants: [] }, hostToken };
  }
  throw new Error(`no free join code after ${CODE_ATTEMPTS} attempts`);
}

/**
 * Adds a student under a nickname that is unique in the session, unless it has `maxParticipants`
 * already; returns their id and secret token.
 */
export async function joinSession(
  { store, now }: ServiceDeps,
  code: string,
  nickname: string,
  maxParticipants: number,
): Promise<{ record: SessionRecord; participant: Participant; token: string }> {
  const token = newToken();
  const participant: Participant = {
    id: newId(),
    nickname,
    tokenHash: hashToken(token),
    joinedAt: now(),
    kicked: false,
  };
  const result = await store.addParticipant(code, {
    participant,
    nicknameKey: nicknameKey(nickname),
    maxParticipants,
  });
  if (result === 'not-found') throw notFound(code);
  if (result === 'full')
    throw new ServiceError(
      ErrorCode.SessionFull,
      `This class is full (${maxParticipants} participants): ask your instructor.`,
    );
  if (result === 'locked')
    throw new ServiceError(
      ErrorCode.SessionLocked,
      'This class is locked: the instructor is not letting anyone new in.',
    );
  if (result === 'nickname-taken')
    throw new ServiceError(
      ErrorCode.NicknameTaken,
      `Someone in this class is already called "${nickname}". Pick another nickname.`,
    );
  return { record: await requireSession(store, code), participant, token };
}

/** The session, if the token is its host's. */
export async function authenticateHost(store: Store, code: string, hostToken: string): Promise<SessionRecord> {
  const record = await requireSession(store, code);
  if (!tokenMatches(hostToken, record.meta.hostTokenHash))
    throw new ServiceError(ErrorCode.Forbidden, 'That host key is not valid for this class.');
  return record;
}

/** The session and participant, if the token is that participant's and they have not been removed. */
export async function authenticateParticipant(
  store: Store,
  code: string,
  participantId: string,
  token: string,
): Promise<{ record: SessionRecord; participant: Participant }> {
  const record = await requireSession(store, code);
  const participant = record.participants.find((p) => p.id === participantId);
  if (!participant || !tokenMatches(token, participant.tokenHash))
    throw new ServiceError(ErrorCode.Forbidden, 'That participant key is not valid for this class.');
  if (participant.kicked) throw new ServiceError(ErrorCode.Kicked, KICKED_MESSAGE);
  return { record, participant };
}

/** Removes a participant; their credential stops working at once. */
export async function kickParticipant(store: Store, code: string, participantId: string): Promise<SessionRecord> {
  if (!(await store.markKicked(code, participantId)))
    throw new ServiceError(ErrorCode.ParticipantNotFound, 'No such participant in this class.');
  return requireSession(store, code);
}

/**
 * Gives a participant another nickname (an offensive one, say), under the same rules as joining.
 * `nickname` has been parsed with the protocol's nicknameSchema.
 */
export async function renameParticipant(
  store: Store,
  code: string,
  participantId: string,
  nickname: string,
): Promise<SessionRecord> {
  const record = await requireSession(store, code);
  const current = record.participants.find((p) => p.id === participantId);
  if (!current) throw new ServiceError(ErrorCode.ParticipantNotFound, 'No such participant in this class.');
  const result = await store.renameParticipant(code, {
    participantId,
    nickname,
    nicknameKey: nicknameKey(nickname),
    previousKey: nicknameKey(current.nickname),
  });
  if (result === 'not-found')
    throw new ServiceError(ErrorCode.ParticipantNotFound, 'No such participant in this class.');
  if (result === 'nickname-taken')
    throw new ServiceError(ErrorCode.NicknameTaken, `Someone in this class is already called "${nickname}".`);
  return requireSession(store, code);
}

export async function setLocked(store: Store, code: string, locked: boolean): Promise<SessionRecord> {
  if (!(await store.setLocked(code, locked))) throw notFound(code);
  return requireSession(store, code);
}

/** The session's settings and round only (no participants), for hot paths such as metrics. */
export async function requireSessionMeta(store: Store, code: string): Promise<SessionMeta> {
  const meta = await store.getSessionMeta(code);
  if (!meta) throw notFound(code);
  return meta;
}

export async function requireSession(store: Store, code: string): Promise<SessionRecord> {
  const record = await store.getSession(code);
  if (!record) throw notFound(code);
  return record;
}
