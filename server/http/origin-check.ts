import type { IncomingMessage } from 'node:http';

/**
 * Socket.IO's `allowRequest`: refuses a handshake from a browser page of another site (a WebSocket is
 * not held back by CORS, so any page a student opens could otherwise act in their class). Allowed: no
 * `Origin` header (Node and other non-browser clients send none), the origin of the Host the request
 * came to (same origin, under whatever name or address it was opened), and `publicUrls` (origins, e.g.
 * behind a proxy that rewrites Host). A refusal answers 403 with the reason.
 */
export function createOriginCheck(publicUrls: readonly string[]) {
  const allowed = new Set(publicUrls);
  return (req: IncomingMessage, callback: (reason: string | null, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin)) return callback(null, true);
    const host = URL.canParse(origin) ? new URL(origin).host : null;
    if (host !== null && host === req.headers.host?.toLowerCase()) return callback(null, true);
    callback(`Connections from pages at ${origin} are not allowed: open the app at its own address.`, false);
  };
}
