import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

const createRedisClient = (url: string) => createClient({ url });
export type RedisClient = ReturnType<typeof createRedisClient>;

/** Connects to Redis; rejects with the connection error instead of retrying forever at start-up. */
export async function connectRedis(url: string): Promise<RedisClient> {
  const client = createRedisClient(url);
  client.on('error', (err: Error) => console.error(`[redis] ${err.message}`));
  await client.connect();
  return client;
}

/**
 * The Socket.IO adapter that carries broadcasts between server instances. Redis Streams (not pub/sub) so
 * that connection state recovery works across instances.
 */
export function createRedisAdapter(client: RedisClient) {
  // The adapter's parameter type is the client's widest generic form; our RESP3 client is one instance of it.
  return createAdapter(client as unknown as Parameters<typeof createAdapter>[0]);
}
