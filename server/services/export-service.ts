import { buildSessionExport } from '../../lib/domain/session-export';
import type { SessionExport } from '../../lib/protocol/review';
import type { ServiceDeps } from './deps';
import { authenticateReader } from './review-service';

/**
 * The whole session for the holder of its host key or a review key (see authenticateReader): every
 * round's challenge, the participants, and every run of every round with all its stored points. Reads
 * the runs round by round and their points one run at a time, so a large class is read in many small
 * store calls rather than one that holds the store. Throws a ServiceError for an unknown session or key.
 */
export async function readSessionExport(
  { store, now }: ServiceDeps,
  code: string,
  secret: string,
): Promise<SessionExport> {
  const { record, anonymous, host } = await authenticateReader(store, code, secret);
  const runs = [];
  for (let round = 1; round <= record.meta.round.index; round++) {
    const ofRound = await store.listRuns(code, round);
    const verifications = await store.verifications(
      code,
      ofRound.map((r) => r.id),
    );
    for (const [i, run] of ofRound.entries())
      runs.push({ run, points: await store.getPoints(code, run.id), verified: verifications[i] });
  }
  const rounds = await store.roundChallenges(code);
  return buildSessionExport({ record, rounds, runs, anonymous, flags: host, exportedAt: now() });
}
