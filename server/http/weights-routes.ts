import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../lib/protocol/errors';
import { runIdSchema } from '../../lib/protocol/run';
import { joinCodeSchema } from '../../lib/protocol/schemas';
import { TokenBuckets } from '../handlers/rate-limits';
import type { ServiceDeps, TaskCatalog } from '../services/deps';
import { ServiceError } from '../services/service-error';
import { acceptWeights } from '../services/verify-service';
import { bearerToken, fail, failUnexpected, readBody, reply } from './http-reply';

const ROUTE = /^\/api\/sessions\/([^/]+)\/runs\/([^/]+)\/weights$/;

/** The HTTP status of each refusal of an upload. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Kicked]: 403,
  [ErrorCode.SessionNotFound]: 404,
  [ErrorCode.RunNotFound]: 404,
  [ErrorCode.AlreadyVerified]: 409,
  [ErrorCode.TooLarge]: 413,
};

/**
 * `POST /api/sessions/:code/runs/:runId/weights`: a student uploads a run's best weights, with
 * `Authorization: Bearer <participant token>`, body the blob as `application/octet-stream`. `202`
 * `{ "status": "pending" }`; refusals carry the protocol's error body (see verify-service.ts); past
 * `perKeyPerMinute` uploads with one key, 429 before the body is read. Returns a request handler that
 * answers false for any other path.
 */
export function createWeightsRoutes(deps: ServiceDeps & { tasks: TaskCatalog }, perKeyPerMinute: number) {
  const uploads = new TokenBuckets(deps.now, perKeyPerMinute, perKeyPerMinute / 60);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = req.url?.split('?')[0].match(ROUTE);
    if (!match) return false;
    const refuse = (status: number, code: ErrorCode, message: string) => {
      fail(res, status, code, message);
      return true;
    };
    const code = joinCodeSchema.safeParse(match[1]);
    const runId = runIdSchema.safeParse(match[2]);
    if (!code.success) return refuse(404, ErrorCode.SessionNotFound, 'No such class.');
    if (!runId.success) return refuse(404, ErrorCode.RunNotFound, 'No such run in this class.');
    if (req.method !== 'POST') return refuse(405, ErrorCode.BadRequest, 'Use POST to upload weights.');
    if (req.headers['content-type'] !== 'application/octet-stream')
      return refuse(415, ErrorCode.BadRequest, 'Send the weights as application/octet-stream.');
    const token = bearerToken(req);
    if (!token) return refuse(401, ErrorCode.Forbidden, 'Uploading weights needs the participant key.');
    if (!uploads.take(`${code.data} ${token}`)) {
      res.setHeader('retry-after', '5');
      return refuse(429, ErrorCode.RateLimited, 'Too many uploads with this key; try again in a moment.');
    }
    const read = async (limit: number) => {
      const body = await readBody(req, limit);
      return body && new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    };
    acceptWeights(deps, code.data, runId.data, token, read)
      .then((accepted) => reply(res, 202, accepted))
      .catch((err: unknown) => {
        const status = err instanceof ServiceError ? STATUS[err.code] : undefined;
        if (status && err instanceof ServiceError) fail(res, status, err.code, err.message);
        else failUnexpected(res, err, 'weights');
      });
    return true;
  };
}
