import { blobBytes, decodeWeights, shapeMismatch } from '../../lib/model/weights-io';
import { ErrorCode } from '../../lib/protocol/errors';
import type { WeightsUploadReply } from '../../lib/protocol/verification';
import type { ServiceDeps, TaskCatalog } from './deps';
import { authenticateParticipant } from './session-service';
import { ServiceError } from './service-error';

/** The largest blob a challenge's parameter cap allows, in bytes. */
export const maxWeightBytes = (maxParameters: number) => blobBytes(maxParameters);

/**
 * Accepts a run's best weights from its student for the server to score: checks the participant's
 * `token` against the run's author, reads the body with `read` (null: over the limit the run's challenge
 * allows), checks that the blob decodes and fits the run's configuration and task, then stores it and
 * queues its scoring. A retry while the weights wait is answered the same and changes nothing; a run
 * already verified is refused. Nothing is stored on any refusal (a ServiceError).
 */
export async function acceptWeights(
  { store, tasks }: ServiceDeps & { tasks: TaskCatalog },
  code: string,
  runId: string,
  token: string,
  read: (limitBytes: number) => Promise<Uint8Array | null>,
): Promise<WeightsUploadReply> {
  const run = await store.getRun(code, runId);
  if (!run) throw new ServiceError(ErrorCode.RunNotFound, 'No such run in this class.');
  await authenticateParticipant(store, code, run.participantId, token);
  const challenge = (await store.roundChallenges(code)).find((r) => r.round === run.round)?.challenge;
  if (!challenge) throw new ServiceError(ErrorCode.RunNotFound, 'The round of this run is not known.');
  const body = await read(maxWeightBytes(challenge.maxParameters));
  if (body === null)
    throw new ServiceError(
      ErrorCode.TooLarge,
      `The weights are over ${maxWeightBytes(challenge.maxParameters)} bytes, more than this challenge's ${challenge.maxParameters} parameters.`,
    );
  let decoded;
  try {
    decoded = decodeWeights(body);
  } catch (err) {
    throw new ServiceError(ErrorCode.BadRequest, `These are not a run's weights: ${(err as Error).message}.`);
  }
  const vocabSize = await tasks.vocabSize(challenge.task, code);
  const mismatch = shapeMismatch(decoded.shape, { ...run.config, vocabSize });
  if (mismatch) throw new ServiceError(ErrorCode.BadRequest, `The weights do not fit this run: ${mismatch}.`);
  const result = await store.submitWeights(code, runId, body);
  if (result === 'not-found') throw new ServiceError(ErrorCode.RunNotFound, 'No such run in this class.');
  if (result === 'done')
    throw new ServiceError(ErrorCode.AlreadyVerified, 'This run is verified already; its weights cannot change.');
  return { status: 'pending' };
}
