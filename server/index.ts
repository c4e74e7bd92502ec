import { createServer } from 'node:http';
import next from 'next';
import { createApp, type AppDeps } from './app';
import { readConfig } from './config';
import { createTaskCatalog } from './services/task-catalog';
import { createSecurityHeaders } from './http/security-headers';
import { createApiRoutes } from './http/api-routes';
import { serveWasmAsset } from './http/wasm-assets';
import { MemoryStore } from './store/memory-store';
import { connectRedis, createRedisAdapter } from './store/redis-connection';
import { checkRedisPersistence } from './store/redis-persistence';
import { RedisStore } from './store/redis-store';

/** Connects the store the configuration asks for; returns how to release it. */
async function openStore(config: ReturnType<typeof readConfig>): Promise<AppDeps & { release: () => Promise<void> }> {
  if (!config.redisUrl) {
    const store = await MemoryStore.open({ dataDir: config.dataDir, ttlS: config.sessionTtlS });
    return { store, tasks: createTaskCatalog(store), release: () => store.close() };
  }
  const client = await connectRedis(config.redisUrl);
  const persistenceWarning = await checkRedisPersistence(client, new URL(config.redisUrl).host);
  if (persistenceWarning) console.warn(persistenceWarning);
  const store = new RedisStore(client, config.sessionTtlS);
  return { store, tasks: createTaskCatalog(store), adapter: createRedisAdapter(client), release: () => client.close() };
}

async function main(): Promise<void> {
  const config = readConfig();
  const nextApp = next({ dev: config.dev, dir: process.cwd() });
  const [deps] = await Promise.all([openStore(config), nextApp.prepare()]);
  const handle = nextApp.getRequestHandler();
  const serveApi = createApiRoutes({ store: deps.store, now: Date.now }, config.limits.textsPerSession);

  const httpServer = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (serveWasmAsset(req, res) || serveApi(req, res)) return;
    void handle(req, res);
  });
  // Next.js attaches its own upgrade listener (dev-mode hot reload) on the first request it handles.
  const app = createApp(httpServer, { ...deps, publicUrls: config.publicUrls, limits: config.limits });
  // Added after createApp, in front: Socket.IO moved the listeners it found behind its own path check,
  // and this one must run for its responses too.
  httpServer.prependListener('request', createSecurityHeaders({ dev: config.dev }));

  httpServer.listen(config.port, () => {
    const store = config.redisUrl
      ? `Redis at ${new URL(config.redisUrl).host}`
      : `embedded store, data in ${config.dataDir}`;
    console.log(`RNN Arena ready on http://localhost:${config.port} (${store})`);
  });

  const close = async () => {
    const closed = app.close();
    // Browsers hold idle keep-alive connections; without this the server would wait on them before
    // the store could write its last changes.
    httpServer.closeAllConnections();
    await closed;
    await deps.release();
    await nextApp.close();
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
