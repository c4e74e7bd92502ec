import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '@/server/app';
import { createApiRoutes } from '@/server/http/api-routes';
import { DEFAULT_LIMITS } from '@/server/limits';
import { createTaskCatalog } from '@/server/services/task-catalog';

/**
 * The realtime server and the HTTP API on an ephemeral port, in this process, over the given store and the
 * real tasks.
 */
export async function startInProcessServer(deps: Omit<AppDeps, 'tasks'> & Partial<Pick<AppDeps, 'tasks'>>) {
  const full = { tasks: createTaskCatalog(deps.store), now: Date.now, ...deps };
  const api = createApiRoutes(full, { ...DEFAULT_LIMITS, ...deps.limits });
  const httpServer = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  const app = createApp(httpServer, full);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, io: app.io, close: app.close };
}
