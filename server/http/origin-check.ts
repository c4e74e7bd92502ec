import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

/** Where this server listens: its own addresses on this port and scheme are origins its pages have. */
export interface Listening {
  port: number;
  scheme: 'http' | 'https';
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** This machine's addresses now (a laptop may join the class's network after the server started). */
function ownAddresses(): Set<string> {
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => (i.family === 'IPv6' ? `[${i.address}]` : i.address));
  return new Set(addresses);
}

/**
 * Whether a browser page at `origin` may open a socket here: one of `publicUrls`, or this machine's own
 * address (loopback or a network interface's) on the port and scheme it listens on. Not any name the
 * request's Host header carries: a DNS-rebinding page (evil.example resolved to this machine) sends a
 * Host that matches its own origin.
 */
export function isAllowedOrigin(origin: string, publicUrls: ReadonlySet<string>, listening: Listening): boolean {
  if (publicUrls.has(origin)) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (url.protocol !== `${listening.scheme}:` || port !== listening.port) return false;
  return LOOPBACK.test(url.hostname) || ownAddresses().has(url.hostname);
}

/**
 * Socket.IO's `allowRequest`: refuses a handshake from a browser page of another site (a WebSocket is
 * not held back by CORS, so any page a student opens could otherwise act in their class). Allowed: no
 * `Origin` header (Node and other non-browser clients send none) and what isAllowedOrigin allows, with
 * `listening` read at each handshake. A refusal answers 403 with the reason.
 */
export function createOriginCheck(publicUrls: readonly string[], listening: () => Listening) {
  const configured = new Set(publicUrls);
  return (req: IncomingMessage, callback: (reason: string | null, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (origin === undefined || isAllowedOrigin(origin, configured, listening())) return callback(null, true);
    callback(
      `Connections from pages at ${origin} are not allowed: open the app at this computer's address, or list ` +
        'the address students use in PUBLIC_URL.',
      false,
    );
  };
}
