import { inject } from 'vitest';
import { MemoryStore } from '@/server/store/memory-store';
import { connectRedis } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import type { Store } from '@/server/store/store';

export type OpenStore = () => Promise<{ store: Store; release: () => Promise<void> }>;

/** Both stores, for `describe.each`: the embedded one, and Redis on the test run's redis-server. */
export const STORE_BACKENDS: [string, OpenStore][] = [
  ['memory', async () => ({ store: await MemoryStore.open(), release: async () => {} })],
  [
    'redis',
    async () => {
      const client = await connectRedis(inject('redisUrl'));
      return { store: new RedisStore(client), release: () => client.close() };
    },
  ],
];
