import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeForTask } from '@/lib/domain/challenge-presets';
import { generateTaskData } from '@/lib/domain/task-data';
import { initialWeights } from '@/lib/model/init';
import { encodeWeights } from '@/lib/model/weights-io';
import type { Challenge, RunConfig } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import { VERIFY_GROUP, VERIFY_JOBS_KEY } from '@/server/store/keys';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { startRedis } from '../helpers/redis-server';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { classInRound, uploadWeights } from '../helpers/verify-class';

/** A model large enough that scoring it takes seconds: the instance dies while it is at it. */
const LARGE_RUN: RunConfig = {
  cell: 'lstm',
  hiddenSize: 256,
  layers: 2,
  embeddingSize: 64,
  learningRate: 0.005,
  optimizer: 'adam',
  batchSize: 32,
  seqLength: 100,
  clipNorm: 5,
  init: 'glorot',
  gateBias: 1,
  seed: 9,
};

const CHALLENGE: Challenge = (() => {
  const base = challengeForTask('adding');
  const { seed: _seed, ...defaults } = LARGE_RUN;
  return { ...base, maxParameters: 5_000_000, defaults };
})();

/** Two real instances over a Redis of this file's own (its job stream holds nothing else). */
describe('a verification whose instance dies', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let probe: RedisClient;
  const servers: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const env = () => ({ REDIS_URL: redis.url, VERIFY_WORKERS: '1', VERIFY_CLAIM_IDLE_MS: '1500' });

  beforeAll(async () => {
    redis = await startRedis();
    probe = await connectRedis(redis.url);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
    await probe.close();
    await redis.stop();
  });

  it('is taken over and finished by another instance', async () => {
    const a = await startServerProcess(env(), { detached: true });
    servers.push(a);
    const connect = async () => {
      const socket = await connectClient(a.url);
      sockets.push(socket);
      return socket;
    };
    const { created, students } = await classInRound(connect, CHALLENGE, ['Ada']);
    const runId = 'failover-run-000001';
    await expectOk(students[0].socket, ClientEvent.RunStart, { runId, config: LARGE_RUN });
    const shape = { ...LARGE_RUN, vocabSize: generateTaskData(CHALLENGE.task).vocab.length };
    const weights = encodeWeights(shape, initialWeights(shape));
    expect((await uploadWeights(a.url, created.code, runId, students[0].token, weights)).status).toBe(202);

    // A has taken the job (it is in A's pending list) and is scoring it: kill A outright.
    await expect.poll(async () => (await probe.xPending(VERIFY_JOBS_KEY, VERIFY_GROUP)).pending).toBe(1);
    process.kill(-a.pid, 'SIGKILL');
    await a.exited;
    const store = new RedisStore(probe);
    expect(await store.verifications(created.code, [runId])).toEqual([{ status: 'pending' }]);

    servers.push(await startServerProcess(env()));
    await expect
      .poll(async () => (await store.verifications(created.code, [runId]))[0]?.status, { timeout: 90_000 })
      .toBe('done');
    expect((await probe.xPending(VERIFY_JOBS_KEY, VERIFY_GROUP)).pending).toBe(0);
  }, 120_000);
});
