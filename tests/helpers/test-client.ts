import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Ack } from '@/lib/protocol/errors';
import type { ServerToClientEvents } from '@/lib/protocol/event-maps';
import type { ClientEvent } from '@/lib/protocol/events';
import { PROTOCOL_VERSION } from '@/lib/protocol/version';

/** A raw client: payloads are `unknown` so tests can send what a hostile client would. */
export type TestSocket = Socket<
  ServerToClientEvents,
  Record<ClientEvent, (payload: unknown, ack: (r: Ack<unknown>) => void) => void>
>;

const ACK_TIMEOUT_MS = 5_000;

/** Connects to `url` and resolves once the handshake succeeded; `options` add to the client's (e.g. a TLS `ca`). */
export async function connectClient(
  url: string,
  auth: object = { protocolVersion: PROTOCOL_VERSION },
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends a request and resolves with the raw ack. */
export function ask<T = unknown>(socket: TestSocket, event: ClientEvent, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Sends a request that must succeed and resolves with its data. */
export async function expectOk<T>(socket: TestSocket, event: ClientEvent, payload: unknown): Promise<T> {
  const ack = await ask<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the first `event` whose payload satisfies `match`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve) => {
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      socket.off(event, listener as never);
      resolve(args);
    }) as never;
    socket.on(event, listener);
  });
}

/** Resolves when the socket is disconnected, with the reason. */
export function disconnected(socket: TestSocket): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** Emits without an ack callback, as a careless or hostile client might. */
export function fire(socket: TestSocket, event: ClientEvent, payload: unknown): void {
  (socket.emit as (ev: string, body: unknown) => void)(event, payload);
}
