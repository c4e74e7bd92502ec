import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../lib/protocol/errors';
import { ServiceError } from '../services/service-error';

/** Answers with `body` as JSON. */
export function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Answers with the protocol's error body, `{ "error": { "code", "message" } }`. */
export const fail = (res: ServerResponse, status: number, code: ErrorCode, message: string) =>
  reply(res, status, { error: { code, message } });

/** The secret of an `Authorization: Bearer <secret>` header; null when there is none. */
export const bearerToken = (req: IncomingMessage): string | null =>
  req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1] ?? null;

/**
 * Answers a route's failure: a ServiceError as its own code (404 for an unknown session, 403 for the
 * rest, which are refusals of the credential); anything else is logged under `route` and answered 500.
 */
export function failUnexpected(res: ServerResponse, err: unknown, route: string): void {
  if (err instanceof ServiceError)
    return fail(res, err.code === ErrorCode.SessionNotFound ? 404 : 403, err.code, err.message);
  console.error(`[${route}]`, err);
  fail(res, 500, ErrorCode.Internal, 'Something went wrong on the server. Try again.');
}

/**
 * Reads the request body; null when it is over `limit` bytes. Past the limit the rest is read and
 * dropped (so the client still gets the answer), and a body far past it is cut off.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > 4 * limit) req.destroy();
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}
