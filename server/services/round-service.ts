import { ErrorCode } from '../../lib/protocol/errors';
import type { Challenge } from '../../lib/protocol/challenge';
import type { RoundState } from '../../lib/protocol/schemas';
import type { Store } from '../store/store';
import { ServiceError } from './service-error';
import type { ServiceDeps } from './deps';

const roundRunning = () => new ServiceError(ErrorCode.RoundRunning, 'A round is running: end it first.');

/** Replaces the session's challenge (between rounds only). `problems` are the challenge's own faults. */
export async function setChallenge(
  store: Store,
  code: string,
  challenge: Challenge,
  problems: string[],
): Promise<void> {
  if (problems.length > 0) throw new ServiceError(ErrorCode.BadRequest, problems.join('; '));
  const result = await store.setChallenge(code, challenge);
  if (result === 'not-found') throw new ServiceError(ErrorCode.SessionNotFound, 'This class no longer exists.');
  if (result === 'conflict') throw roundRunning();
}

/** Starts the next round with the current challenge; its deadline follows the challenge's time limit. */
export async function startRound({ store, now }: ServiceDeps, code: string, challenge: Challenge): Promise<RoundState> {
  const startedAt = now();
  const endsAt = challenge.timeLimitS > 0 ? startedAt + challenge.timeLimitS * 1000 : null;
  const result = await store.startRound(code, startedAt, endsAt);
  if (result === 'not-found') throw new ServiceError(ErrorCode.SessionNotFound, 'This class no longer exists.');
  if (result === 'conflict') throw roundRunning();
  return result;
}

/** Ends round `index`; null when it had already ended (another instance's clock, or a second click). */
export async function endRound({ store, now }: ServiceDeps, code: string, index: number): Promise<RoundState | null> {
  const result = await store.endRound(code, index, now());
  if (result === 'not-found') throw new ServiceError(ErrorCode.SessionNotFound, 'This class no longer exists.');
  return result === 'conflict' ? null : result;
}
