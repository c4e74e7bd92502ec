import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { MemoryStore } from '@/server/store/memory-store';
import { connectRedis } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import type { Store } from '@/server/store/store';
import { startInProcessServer } from './in-process-server';
import { connectClient, type TestSocket } from './test-client';

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

/**
 * Registers the hooks of a describe block that runs the realtime server in this process over the store
 * `openStore` opens. `client()` connects a socket that is closed after the test that opened it.
 */
export function serverOver(openStore: OpenStore) {
  let opened: Awaited<ReturnType<OpenStore>>;
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    opened = await openStore();
    server = await startInProcessServer({ store: opened.store });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server.close();
    await opened.release();
  });
  return {
    store: () => opened.store,
    url: () => server.url,
    client: async () => {
      const socket = await connectClient(server.url);
      sockets.push(socket);
      return socket;
    },
  };
}
