import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Limits } from '../limits';
import type { ServiceDeps, TaskCatalog } from '../services/deps';
import { createExportRoutes } from './export-routes';
import { createTextRoutes } from './text-routes';
import { createWeightsRoutes } from './weights-routes';

/**
 * Every `/api/` route over plain HTTP, as one request handler that answers false for a path it does not
 * serve, under the server's caps on texts and exports.
 */
export function createApiRoutes(
  deps: ServiceDeps & { tasks: TaskCatalog },
  limits: Pick<Limits, 'textsPerSession' | 'exportsPerKeyPerMinute' | 'uploadsPerKeyPerMinute'>,
) {
  const routes = [
    createTextRoutes(deps.store, limits.textsPerSession),
    createExportRoutes(deps, limits.exportsPerKeyPerMinute),
    createWeightsRoutes(deps, limits.uploadsPerKeyPerMinute),
  ];
  return (req: IncomingMessage, res: ServerResponse): boolean => routes.some((route) => route(req, res));
}
