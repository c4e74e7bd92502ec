import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateTaskData } from '@/lib/domain/task-data';
import { initialWeights } from '@/lib/model/init';
import { encodeWeights } from '@/lib/model/weights-io';
import type { BoardRun, BoardSnapshot } from '@/lib/protocol/board';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import { exportPath } from '@/lib/protocol/http-paths';
import type { ReviewLinkReply, SessionExport } from '@/lib/protocol/review';
import { createEvalPool, type EvalPool } from '@/server/eval/eval-pool';
import { DEFAULT_LIMITS } from '@/server/limits';
import { MemoryStore } from '@/server/store/memory-store';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { RedisVerifyQueue } from '@/server/store/redis-verify-queue';
import type { Store } from '@/server/store/store';
import type { VerifyQueue } from '@/server/store/verify-queue';
import { startInProcessServer } from '../helpers/in-process-server';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { classInRound, SMALL_RUN, trainLocally, uploadWeights, VERIFY_CHALLENGE } from '../helpers/verify-class';

type Backend = { store: Store; queue: VerifyQueue; release: () => Promise<void> };

const BACKENDS: [string, () => Promise<Backend>][] = [
  [
    'memory',
    async () => {
      const store = await MemoryStore.open();
      return { store, queue: store.jobs, release: () => store.close() };
    },
  ],
  [
    'redis',
    async () => {
      const client: RedisClient = await connectRedis(inject('redisUrl'));
      const queue = await RedisVerifyQueue.open(client, 'verify-test', 60_000);
      return {
        store: new RedisStore(client),
        queue,
        release: async () => {
          await queue.close();
          await client.close();
        },
      };
    },
  ],
];

const TRAIN_STEPS = 30;

describe.each(BACKENDS)('verified scores over the %s store', (_, openBackend) => {
  let backend: Backend;
  let pool: EvalPool;
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  const sockets: TestSocket[] = [];
  const connect = async () => {
    const socket = await connectClient(server.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    backend = await openBackend();
    pool = createEvalPool(1);
    server = await startInProcessServer({
      store: backend.store,
      verify: { queue: backend.queue, pool, claimIdleMs: 60_000 },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    await pool.close();
    await backend.release();
  });

  const board = (host: TestSocket) => expectOk<BoardSnapshot>(host, ClientEvent.BoardGet, { curves: false });
  const verifiedOf = async (host: TestSocket, runId: string): Promise<BoardRun['verified']> =>
    (await board(host)).runs.find((r) => r.runId === runId)?.verified ?? null;

  it('scores a trained model’s weights as the engine does on the secret split, and flags a forged report', async () => {
    const { host, created, students } = await classInRound(connect, VERIFY_CHALLENGE, ['Ada', 'Eve']);
    const testSeed = (await backend.store.roundTestSeed(created.code, 1)) as number;
    const local = trainLocally(VERIFY_CHALLENGE, testSeed, SMALL_RUN, TRAIN_STEPS);
    const runs = ['honest-run-00000001', 'forged-run-00000001'];
    for (const [i, student] of students.entries()) {
      await expectOk(student.socket, ClientEvent.RunStart, { runId: runs[i], config: SMALL_RUN });
      const valLoss = i === 0 ? local.validation.valLoss : 0.01;
      const point = { seq: 0, step: TRAIN_STEPS, elapsedMs: 100, trainLoss: 2, valLoss };
      await expectOk(student.socket, ClientEvent.RunMetrics, { runId: runs[i], points: [point] });
      const response = await uploadWeights(server.url, created.code, runs[i], student.token, local.weights);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'pending' });
    }
    await expect.poll(() => verifiedOf(host, runs[1]), { timeout: 20_000 }).toMatchObject({ status: 'done' });
    await expect.poll(() => verifiedOf(host, runs[0]), { timeout: 20_000 }).toMatchObject({ status: 'done' });
    const honest = (await verifiedOf(host, runs[0]))!;
    expect(Math.abs(honest.testLoss! - local.test.valLoss) / local.test.valLoss).toBeLessThan(1e-4);
    expect(honest.testAccuracy).toBeCloseTo(local.test.accuracy, 4);
    expect(Math.abs(honest.valLoss! - local.validation.valLoss) / local.validation.valLoss).toBeLessThan(1e-4);
    expect(honest.flagged).toBe(false);
    expect(await verifiedOf(host, runs[1])).toMatchObject({ status: 'done', flagged: true });
    // Only the host sees the flag: the class is not shown whose report was not borne out.
    for (const student of students) {
      const seen = await board(student.socket);
      expect(seen.runs.find((r) => r.runId === runs[1])?.verified).toMatchObject({ status: 'done' });
      expect(seen.runs.map((r) => r.verified?.flagged)).toEqual([undefined, undefined]);
    }

    // The export carries the scores too; the flag only with the host key.
    const exported = async (key: string) => {
      const response = await fetch(`${server.url}${exportPath(created.code, 'json')}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return ((await response.json()) as SessionExport).runs.map((r) => r.verified);
    };
    const [honestExport, forgedExport] = await exported(created.hostToken);
    expect(honestExport).toEqual(honest);
    expect(forgedExport).toMatchObject({ status: 'done', flagged: true });
    const { reviewKey } = await expectOk<ReviewLinkReply>(host, ClientEvent.ReviewLink, { anonymous: false });
    const reviewed = await exported(reviewKey);
    expect(reviewed.map((v) => [v?.status, v?.flagged])).toEqual([
      ['done', undefined],
      ['done', undefined],
    ]);
  });

  it('refuses garbage, other shapes, oversized bodies and another student’s token, storing nothing', async () => {
    const { created, students } = await classInRound(connect, VERIFY_CHALLENGE, ['Bob', 'Mallory']);
    const [owner, other] = students;
    const runId = 'refused-run-0000001';
    await expectOk(owner.socket, ClientEvent.RunStart, { runId, config: SMALL_RUN });
    const vocabSize = generateTaskData(VERIFY_CHALLENGE.task).vocab.length;
    const fits = encodeWeights({ ...SMALL_RUN, vocabSize }, initialWeights({ ...SMALL_RUN, vocabSize }));
    const wider = { ...SMALL_RUN, hiddenSize: 24, vocabSize };
    const attempts: [string, Promise<Response>, number, ErrorCode, RegExp][] = [
      [
        'garbage',
        uploadWeights(server.url, created.code, runId, owner.token, new Uint8Array(64).fill(7)),
        400,
        ErrorCode.BadRequest,
        /not a run's weights/,
      ],
      [
        'other shape',
        uploadWeights(server.url, created.code, runId, owner.token, encodeWeights(wider, initialWeights(wider))),
        400,
        ErrorCode.BadRequest,
        /hiddenSize 24, expected 16/,
      ],
      [
        'oversized',
        uploadWeights(
          server.url,
          created.code,
          runId,
          owner.token,
          new Uint8Array(24 + 4 * VERIFY_CHALLENGE.maxParameters + 1),
        ),
        413,
        ErrorCode.TooLarge,
        /over/,
      ],
      [
        'another student',
        uploadWeights(server.url, created.code, runId, other.token, fits),
        403,
        ErrorCode.Forbidden,
        /not valid/,
      ],
      [
        'no key',
        uploadWeights(server.url, created.code, runId, null, fits),
        401,
        ErrorCode.Forbidden,
        /participant key/,
      ],
      [
        'not a blob',
        uploadWeights(server.url, created.code, runId, owner.token, fits, { 'content-type': 'text/plain' }),
        415,
        ErrorCode.BadRequest,
        /octet-stream/,
      ],
      [
        'no such run',
        uploadWeights(server.url, created.code, 'missing-run-0000001', owner.token, fits),
        404,
        ErrorCode.RunNotFound,
        /No such run/,
      ],
    ];
    for (const [what, sent, status, code, message] of attempts) {
      const response = await sent;
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect({ what, status: response.status, code: body.error.code }).toEqual({ what, status, code });
      expect(body.error.message).toMatch(message);
    }
    expect(await backend.store.verifications(created.code, [runId])).toEqual([null]);
    expect(await backend.store.getWeights(created.code, runId)).toBeNull();
  });

  it('answers a flood of uploads with one key 429, without touching another student’s', async () => {
    const { created, students } = await classInRound(connect, VERIFY_CHALLENGE, ['Flood', 'Calm']);
    const [flooder, calm] = students;
    const runId = 'flooded-run-0000001';
    await expectOk(flooder.socket, ClientEvent.RunStart, { runId, config: SMALL_RUN });
    const garbage = new Uint8Array(64).fill(7);
    const send = (token: string) => uploadWeights(server.url, created.code, runId, token, garbage);
    // One burst, well past the limit: the bucket refills at limit/60 a second, a token at most meanwhile.
    const limit = DEFAULT_LIMITS.uploadsPerKeyPerMinute;
    const replies = await Promise.all(Array.from({ length: limit + 10 }, () => send(flooder.token)));
    const refused = replies.filter((r) => r.status === 429);
    expect(replies.filter((r) => r.status === 400).length).toBeLessThanOrEqual(limit + 1);
    expect(refused.length).toBeGreaterThanOrEqual(9);
    expect(refused[0].headers.get('retry-after')).toBe('5');
    expect(((await refused[0].json()) as { error: { code: string } }).error.code).toBe(ErrorCode.RateLimited);
    // Another key has its own budget: refused on its merits (not its run), not for the flood.
    expect((await send(calm.token)).status).toBe(403);
  });

  it('answers a retried upload the same, and refuses new weights once verified', async () => {
    const { host, created, students } = await classInRound(connect, VERIFY_CHALLENGE, ['Cy']);
    const [student] = students;
    const runId = 'retried-run-0000001';
    await expectOk(student.socket, ClientEvent.RunStart, { runId, config: SMALL_RUN });
    const testSeed = (await backend.store.roundTestSeed(created.code, 1)) as number;
    const { weights } = trainLocally(VERIFY_CHALLENGE, testSeed, SMALL_RUN, 2);
    const [first, retry] = await Promise.all(
      [0, 1].map(() => uploadWeights(server.url, created.code, runId, student.token, weights)),
    );
    expect([first.status, retry.status]).toEqual([202, 202]);
    await expect.poll(() => verifiedOf(host, runId), { timeout: 20_000 }).toMatchObject({ status: 'done' });
    const late = await uploadWeights(server.url, created.code, runId, student.token, weights);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.AlreadyVerified);
  });
});
