import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceDeps, TaskCatalog } from '../services/deps';
import { createExportRoutes } from './export-routes';
import { createTextRoutes } from './text-routes';
import { createWeightsRoutes } from './weights-routes';

/**
 * Every `/api/` route over plain HTTP, as one request handler that answers false for a path it does not
 * serve. `maxTexts`: the texts a session keeps.
 */
export function createApiRoutes(deps: ServiceDeps & { tasks: TaskCatalog }, maxTexts: number) {
  const routes = [createTextRoutes(deps.store, maxTexts), createExportRoutes(deps), createWeightsRoutes(deps)];
  return (req: IncomingMessage, res: ServerResponse): boolean => routes.some((route) => route(req, res));
}
