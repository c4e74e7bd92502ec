import type { SessionRecord } from '../../lib/domain/session';
import { ErrorCode } from '../../lib/protocol/errors';
import type { Store } from '../store/store';
import { hashToken, newToken, tokenMatches } from './credentials';
import type { ServiceDeps } from './deps';
import { ServiceError } from './service-error';
import { requireSession } from './session-service';

const gone = () => new ServiceError(ErrorCode.SessionNotFound, 'This class no longer exists.');

/**
 * Issues a read-only key for session `code` (the review link): 32 random bytes, stored only as their
 * SHA-256. `anonymous`: readers with it see "Student N" instead of nicknames. Returns the key.
 */
export async function createReviewKey({ store, now }: ServiceDeps, code: string, anonymous: boolean): Promise<string> {
  const reviewKey = newToken();
  if (!(await store.addReviewKey(code, { hash: hashToken(reviewKey), anonymous, createdAt: now() }))) throw gone();
  return reviewKey;
}

/** Revokes every review key of the session at once: its review links answer 403 from now on. */
export async function revokeReviewKeys(store: Store, code: string): Promise<void> {
  if (!(await store.revokeReviewKeys(code))) throw gone();
}

/** Deletes the session and everything stored about it; its code and links answer as unknown. */
export async function deleteSession(store: Store, code: string): Promise<void> {
  if (!(await store.deleteSession(code))) throw gone();
}

/**
 * The session, if `secret` is its host key or one of its review keys; `anonymous` when a review key
 * asks for nicknames to be hidden. A participant's token is not enough. Throws SESSION_NOT_FOUND or
 * FORBIDDEN as a ServiceError.
 */
export async function authenticateReader(
  store: Store,
  code: string,
  secret: string,
): Promise<{ record: SessionRecord; anonymous: boolean; host: boolean }> {
  const record = await requireSession(store, code);
  if (tokenMatches(secret, record.meta.hostTokenHash)) return { record, anonymous: false, host: true };
  const reviewKey = (await store.listReviewKeys(code)).find((key) => tokenMatches(secret, key.hash));
  if (!reviewKey) throw new ServiceError(ErrorCode.Forbidden, 'That key does not open this class: ask its host.');
  return { record, anonymous: reviewKey.anonymous, host: false };
}
