import type { IncomingMessage } from 'node:http';
import type { ArenaServer } from '../context';

/** An HTTP request's client address: its peer, or behind a trusted proxy the first X-Forwarded-For entry. */
export function requestAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return trustProxy && first ? first : (req.socket.remoteAddress ?? '');
}

/**
 * Open Socket.IO connections per client address on this instance, capped at `max`. Each connection holds
 * an open file, so one address opening tens of thousands of idle connections would exhaust the process's
 * limit and take every class down with it. A school's NAT puts whole classes behind one address, so the
 * cap is meant to be high (MAX_CONNECTIONS_PER_ADDRESS).
 */
export function createConnectionCap(max: number, trustProxy: boolean) {
  const open = new Map<string, number>();
  return {
    /** Why a handshake from `req` is refused (the address is at the cap), or null to let it in. */
    refusal(req: IncomingMessage): string | null {
      return (open.get(requestAddress(req, trustProxy)) ?? 0) >= max
        ? `Too many connections from this network address (${max}): close some tabs, or ask the host to raise MAX_CONNECTIONS_PER_ADDRESS.`
        : null;
    },
    /** Counts `engine`'s connections as they open and close. */
    track(engine: ArenaServer['engine']): void {
      engine.on('connection', (socket: { request: IncomingMessage; once(event: 'close', fn: () => void): void }) => {
        const address = requestAddress(socket.request, trustProxy);
        open.set(address, (open.get(address) ?? 0) + 1);
        socket.once('close', () => {
          const left = (open.get(address) ?? 1) - 1;
          if (left > 0) open.set(address, left);
          else open.delete(address);
        });
      });
    },
  };
}
