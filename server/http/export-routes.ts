import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportCsv } from '../../lib/domain/export-csv';
import { ErrorCode } from '../../lib/protocol/errors';
import { joinCodeSchema } from '../../lib/protocol/schemas';
import { TokenBuckets } from '../handlers/rate-limits';
import type { ServiceDeps } from '../services/deps';
import { readSessionExport } from '../services/export-service';
import { bearerToken, fail, failUnexpected } from './http-reply';

const ROUTE = /^\/api\/sessions\/([^/]+)\/export\.(csv|json)$/;

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json' } as const;

/**
 * `GET /api/sessions/:code/export.csv` (one row per run, lib/domain/export-csv.ts) and
 * `GET /api/sessions/:code/export.json` (the whole session, `SessionExport`), read with
 * `Authorization: Bearer <hostToken or reviewKey>`: 401 without one, 403 for any other secret (a
 * student's token included), 404 for an unknown or deleted session, 429 past `perKeyPerMinute` exports
 * with one key (each reads every stored point; counted by key, so a stranger who knows only the code
 * cannot use up the host's exports). Returns a request handler that answers false
 * for any other path.
 */
export function createExportRoutes(deps: ServiceDeps, perKeyPerMinute: number) {
  const exports = new TokenBuckets(deps.now, perKeyPerMinute, perKeyPerMinute / 60);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = req.url?.split('?')[0].match(ROUTE);
    if (!match) return false;
    const format = match[2] as keyof typeof CONTENT_TYPES;
    const code = joinCodeSchema.safeParse(match[1]);
    if (!code.success) {
      fail(res, 404, ErrorCode.SessionNotFound, 'No such class.');
      return true;
    }
    if (req.method !== 'GET') {
      fail(res, 405, ErrorCode.BadRequest, 'Use GET to export a class.');
      return true;
    }
    const secret = bearerToken(req);
    if (!secret) {
      fail(res, 401, ErrorCode.Forbidden, 'Exporting a class needs its host key or a review key.');
      return true;
    }
    if (!exports.take(`${code.data} ${secret}`)) {
      res.setHeader('retry-after', '5');
      fail(res, 429, ErrorCode.RateLimited, 'This key has exported the class very often; try again in a moment.');
      return true;
    }
    readSessionExport(deps, code.data, secret)
      .then((data) => {
        const body = format === 'csv' ? exportCsv(data) : JSON.stringify(data);
        res
          .writeHead(200, {
            'content-type': CONTENT_TYPES[format],
            'content-disposition': `attachment; filename="arena-${code.data}.${format}"`,
            // The export carries what a key opened: no shared cache may keep it past a revoke.
            'cache-control': 'private, no-store',
          })
          .end(body);
      })
      .catch((err: unknown) => failUnexpected(res, err, 'export'));
    return true;
  };
}
