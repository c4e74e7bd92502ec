import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { hostname } from 'node:os';
import next from 'next';
import { createApp, type AppDeps } from './app';
import { readConfig } from './config';
import { createTaskCatalog } from './services/task-catalog';
import { createSecurityHeaders } from './http/security-headers';
import { createEvalPool } from './eval/eval-pool';
import { createApiRoutes } from './http/api-routes';
import { createProcessStats } from './jobs/process-stats';
import { serveWasmAsset } from './http/wasm-assets';
import { MemoryStore } from './store/memory-store';
import { connectRedis, createRedisAdapter } from './store/redis-connection';
import { checkRedisPersistence } from './store/redis-persistence';
import { RedisStore } from './store/redis-store';
import { RedisVerifyQueue } from './store/redis-verify-queue';
import type { VerifyQueue } from './store/verify-queue';

type OpenedStore = Omit<AppDeps, 'verify'> & { queue: VerifyQueue; release: () => Promise<void> };

/** Connects the store the configuration asks for and its verification queue; returns how to release them. */
async function openStore(config: ReturnType<typeof readConfig>): Promise<OpenedStore> {
  if (!config.redisUrl) {
    const store = await MemoryStore.open({ dataDir: config.dataDir, ttlS: config.sessionTtlS });
    return { store, tasks: createTaskCatalog(store), queue: store.jobs, release: () => store.close() };
  }
  const client = await connectRedis(config.redisUrl);
  const persistenceWarning = await checkRedisPersistence(client, new URL(config.redisUrl).host);
  if (persistenceWarning) console.warn(persistenceWarning);
  const store = new RedisStore(client, config.sessionTtlS);
  // Each instance is its own consumer: a restarted one must not inherit the jobs its last life held.
  const consumer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const queue = await RedisVerifyQueue.open(client, consumer, config.verifyClaimIdleMs);
  const release = async () => {
    await queue.close();
    await client.close();
  };
  return { store, tasks: createTaskCatalog(store), adapter: createRedisAdapter(client), queue, release };
}

async function main(): Promise<void> {
  const config = readConfig();
  const nextApp = next({ dev: config.dev, dir: process.cwd() });
  const [deps] = await Promise.all([openStore(config), nextApp.prepare()]);
  const pool = createEvalPool(config.verifyWorkers);
  const stats = process.env.STATS_ON_EXIT === '1' ? createProcessStats() : null;
  const handle = nextApp.getRequestHandler();
  const serveApi = createApiRoutes({ ...deps, now: Date.now }, config.limits);

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (serveWasmAsset(req, res) || serveApi(req, res)) return;
    void handle(req, res);
  };
  // One port, one scheme: HTTPS when a certificate is configured (Next.js then tells pages they are on
  // https through x-forwarded-proto, so the projector shows an https join address), plain http otherwise.
  const httpServer = config.tls ? createHttpsServer(config.tls, serve) : createHttpServer(serve);
  // Next.js attaches its own upgrade listener (dev-mode hot reload) on the first request it handles.
  const verify = { queue: deps.queue, pool, claimIdleMs: config.verifyClaimIdleMs, onEvaluated: stats?.evaluated };
  const app = createApp(httpServer, { ...deps, verify, publicUrls: config.publicUrls, limits: config.limits });
  // Added after createApp, in front: Socket.IO moved the listeners it found behind its own path check,
  // and this one must run for its responses too.
  httpServer.prependListener('request', createSecurityHeaders({ dev: config.dev }));

  httpServer.listen(config.port, () => {
    const store = config.redisUrl
      ? `Redis at ${new URL(config.redisUrl).host}`
      : `embedded store, data in ${config.dataDir}`;
    console.log(`RNN Arena ready on ${config.tls ? 'https' : 'http'}://localhost:${config.port} (${store})`);
  });

  const close = async () => {
    const closed = app.close();
    // Browsers hold idle keep-alive connections; without this the server would wait on them before
    // the store could write its last changes.
    httpServer.closeAllConnections();
    await closed;
    await pool.close();
    await deps.release();
    await nextApp.close();
    if (stats) console.error(stats.report());
    process.exit(0);
  };
  // Ctrl-C on `npm start` reaches the server twice, from the terminal and forwarded by npm: a second
  // signal must not kill it before the store has written its last changes.
  let closing: Promise<void> | null = null;
  const shutdown = () => void (closing ??= close());
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
