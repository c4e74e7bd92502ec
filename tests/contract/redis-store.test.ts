import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_TTL_S, sessionKeys } from '@/server/store/keys';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { RedisVerifyQueue } from '@/server/store/redis-verify-queue';
import { afterClassContract } from './after-class-contract';
import { run, runStoreContract } from './run-store-contract';
import { meta, participant, storeContract, uniqueCode } from './store-contract';
import { verifyContract } from './verify-contract';

const clients: RedisClient[] = [];

/** Each handle gets its own connection, like a separate server instance would. */
async function open(): Promise<RedisStore> {
  const client = await connectRedis(inject('redisUrl'));
  clients.push(client);
  return new RedisStore(client);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

storeContract('redis', open);
runStoreContract('redis', open);
afterClassContract('redis', open);
verifyContract('redis', async () => {
  const client = await connectRedis(inject('redisUrl'));
  clients.push(client);
  return { store: new RedisStore(client), queue: await RedisVerifyQueue.open(client, 'contract', 60_000) };
});

describe('RedisStore specifics', () => {
  let a: RedisStore;
  let b: RedisStore;
  let probe: RedisClient;
  beforeAll(async () => {
    [a, b] = await Promise.all([open(), open()]);
    probe = await connectRedis(inject('redisUrl'));
    clients.push(probe);
  });

  it('hands a job its consumer abandoned to another, and only once it has been idle long enough', async () => {
    const code = uniqueCode();
    await a.createSession(meta(code));
    await a.startRound(code, 1, null, 7);
    await a.createRun(code, run('run-abandoned-00000001', 'p1'), 5);
    await a.submitWeights(code, 'run-abandoned-00000001', new Uint8Array([1]));
    const queues = await Promise.all(
      [60_000, 60_000, 0].map((idle, i) => RedisVerifyQueue.open(clients[0], `reclaim-${i}`, idle)),
    );
    const [dead, patient, eager] = queues;
    const taken = await dead.next(1_000);
    expect(taken).toMatchObject({ code, runId: 'run-abandoned-00000001' });
    expect(await patient.next(50)).toBeNull();
    const reclaimed = await eager.next(1_000);
    expect(reclaimed).toEqual(taken);
    await eager.ack(reclaimed!);
    expect(await eager.next(50)).toBeNull();
    await Promise.all(queues.map((q) => q.close()));
  });

  it('shows one instance the changes another made', async () => {
    const code = uniqueCode();
    await a.createSession(meta(code));
    expect(
      await b.addParticipant(code, { participant: participant('p1', 'Ada'), nicknameKey: 'ada', maxParticipants: 500 }),
    ).toBe('ok');
    expect((await a.getSession(code))?.participants.map((p) => p.nickname)).toEqual(['Ada']);
  });

  it('gives every key of a session the session lifetime, refreshed on change', async () => {
    const code = uniqueCode();
    await a.createSession(meta(code));
    await a.addParticipant(code, { participant: participant('p1', 'Ada'), nicknameKey: 'ada', maxParticipants: 500 });
    await a.markKicked(code, 'p1');
    const keys = sessionKeys(code);
    for (const key of [keys.meta, keys.participants, keys.nicknames, keys.kicked]) {
      const ttl = await probe.ttl(key);
      expect(ttl, key).toBeGreaterThan(SESSION_TTL_S - 60);
      expect(ttl, key).toBeLessThanOrEqual(SESSION_TTL_S);
    }
  });

  it('gives every key of a session one deadline, a run’s points and keys created later included', async () => {
    const code = uniqueCode();
    const short = new RedisStore(probe, 3_600);
    await short.createSession(meta(code));
    await short.addParticipant(code, {
      participant: participant('p1', 'Ada'),
      nicknameKey: 'ada',
      maxParticipants: 500,
    });
    await short.startRound(code, 1, null, 7);
    await short.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1'), 5);
    await short.appendPoints(code, 'run-aaaaaaaaaaaaaaa1', [{ seq: 0, step: 1, elapsedMs: 1, trainLoss: 2 }], 5);
    await short.addReviewKey(code, { hash: 'a'.repeat(64), anonymous: false, createdAt: 1 });
    const keys = await probe.keys(`arena:{${code}}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    const deadlines = new Set(await Promise.all(keys.map((key) => probe.pExpireTime(key))));
    expect(deadlines.size).toBe(1);
    const [deadline] = deadlines;
    expect(deadline).toBeGreaterThan(Date.now() + 3_500_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });
});
