import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '@/server/app';
import { createTaskCatalog } from '@/server/services/task-catalog';

/** The realtime server on an ephemeral port, in this process, over the given store and the real tasks. */
export async function startInProcessServer(deps: Omit<AppDeps, 'tasks'> & Partial<Pick<AppDeps, 'tasks'>>) {
  const httpServer = createServer();
  const app = createApp(httpServer, { tasks: createTaskCatalog(deps.store), ...deps });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, io: app.io, close: app.close };
}
