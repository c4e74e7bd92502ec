import { challengeForTask } from '@/lib/domain/challenge-presets';
import { generateTaskData } from '@/lib/domain/task-data';
import { createTrainer } from '@/lib/model/trainer';
import type { Challenge, RunConfig } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import { weightsPath } from '@/lib/protocol/http-paths';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { expectOk, type TestSocket } from './test-client';

/** A small GRU the adding task trains in a few dozen steps. */
export const SMALL_RUN: RunConfig = {
  cell: 'gru',
  hiddenSize: 16,
  layers: 1,
  embeddingSize: 8,
  learningRate: 0.01,
  optimizer: 'adam',
  batchSize: 8,
  seqLength: 20,
  clipNorm: 5,
  init: 'glorot',
  gateBias: 1,
  seed: 3,
};

/** The adding task with a short budget, its defaults the small run. */
export const VERIFY_CHALLENGE: Challenge = (() => {
  const base = challengeForTask('adding');
  const { seed: _seed, ...defaults } = SMALL_RUN;
  return { ...base, budgetSteps: 40, defaults };
})();

/**
 * Trains `config` for `steps` steps on the round's data as the server sees it (with the secret test seed),
 * here in this process, and returns the weight blob and what the engine measures on test and validation.
 */
export function trainLocally(challenge: Challenge, testSeed: number, config: RunConfig, steps: number) {
  const data = generateTaskData(challenge.task, undefined, { testSeed });
  const { optimizer, learningRate, batchSize, seqLength, clipNorm, ...model } = config;
  const trainer = createTrainer(
    { ...model, vocabSize: data.vocab.length },
    { optimizer, learningRate, batchSize, seqLength, clipNorm, steps },
    data,
  );
  try {
    for (let i = 0; i < steps; i++) trainer.step();
    return { weights: trainer.exportWeights(), test: trainer.evaluate('test'), validation: trainer.evaluate() };
  } finally {
    trainer.dispose();
  }
}

/** POSTs a weight blob the way the training worker does; `headers` override the defaults. */
export function uploadWeights(
  url: string,
  code: string,
  runId: string,
  token: string | null,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}${weightsPath(code, runId)}`, {
    method: 'POST',
    body: new Blob([new Uint8Array(body)]),
    headers: {
      'content-type': 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  });
}

/** A host with `challenge` set and a round started, and `nicknames.length` students in it. */
export async function classInRound(
  connect: () => Promise<TestSocket>,
  challenge: Challenge,
  nicknames: string[],
): Promise<{ host: TestSocket; created: SessionCreateReply; students: (SessionJoinReply & { socket: TestSocket })[] }> {
  const host = await connect();
  const created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  await expectOk(host, ClientEvent.ChallengeSet, { challenge });
  const students = [];
  for (const nickname of nicknames) {
    const socket = await connect();
    const joined = await expectOk<SessionJoinReply>(socket, ClientEvent.SessionJoin, { code: created.code, nickname });
    students.push({ ...joined, socket });
  }
  await expectOk(host, ClientEvent.RoundStart, {});
  return { host, created, students };
}
