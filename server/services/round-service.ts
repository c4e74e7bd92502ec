import { ErrorCode } from '../../lib/protocol/errors';
import type { Challenge } from '../../lib/protocol/challenge';
import type { RoundState } from '../../lib/protocol/schemas';
import type { Store } from '../store/store';
import { secureRandomInt } from './credentials';
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

/** Test seeds are drawn from [0, 2^31): a seed's range everywhere in the engine. */
const TEST_SEEDS = 2 ** 31;

/**
 * Starts the next round with the current challenge; its deadline follows the challenge's time limit. The
 * round's test split is drawn from a secret seed the store keeps and no client is ever sent.
 */
export async function startRound({ store, now }: ServiceDeps, code: string, challenge: Challenge): Promise<RoundState> {
  const startedAt = now();
  const endsAt = challenge.timeLimitS > 0 ? startedAt + challenge.timeLimitS * 1000 : null;
  const result = await store.startRound(code, startedAt, endsAt, secureRandomInt(TEST_SEEDS));
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
