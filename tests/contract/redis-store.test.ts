import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_TTL_S, sessionKeys } from '@/server/store/keys';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { runStoreContract } from './run-store-contract';
import { meta, participant, storeContract, uniqueCode } from './store-contract';

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

describe('RedisStore specifics', () => {
  let a: RedisStore;
  let b: RedisStore;
  let probe: RedisClient;
  beforeAll(async () => {
    [a, b] = await Promise.all([open(), open()]);
    probe = await connectRedis(inject('redisUrl'));
    clients.push(probe);
  });

  it('shows one instance the changes another made', async () => {
    const code = uniqueCode();
    await a.createSession(meta(code));
    expect(await b.addParticipant(code, participant('p1', 'Ada'), 'ada', 500)).toBe('ok');
    expect((await a.getSession(code))?.participants.map((p) => p.nickname)).toEqual(['Ada']);
  });

  it('gives every key of a session the session lifetime, refreshed on change', async () => {
    const code = uniqueCode();
    await a.createSession(meta(code));
    await a.addParticipant(code, participant('p1', 'Ada'), 'ada', 500);
    await a.markKicked(code, 'p1');
    const keys = sessionKeys(code);
    for (const key of [keys.meta, keys.participants, keys.nicknames, keys.kicked]) {
      const ttl = await probe.ttl(key);
      expect(ttl, key).toBeGreaterThan(SESSION_TTL_S - 60);
      expect(ttl, key).toBeLessThanOrEqual(SESSION_TTL_S);
    }
  });
});
