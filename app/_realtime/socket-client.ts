'use client';

import { io, type Socket } from 'socket.io-client';
import type { Ack, ErrorBody, ErrorCode } from '@/lib/protocol/errors';
import type { ClientToServerEvents, ReplyOf, RequestOf, ServerToClientEvents } from '@/lib/protocol/event-maps';
import type { ClientEvent } from '@/lib/protocol/events';
import { PROTOCOL_VERSION } from '@/lib/protocol/version';

export type ArenaClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A request that gets no ack within this time fails, so the UI never hangs on a lost reply. */
const REQUEST_TIMEOUT_MS = 8_000;

/** A refused request, carrying the server's error code and its user-facing message. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'TIMEOUT',
    message: string,
    readonly issues: ErrorBody['issues'] = [],
  ) {
    super(message);
  }
}

let shared: ArenaClientSocket | null = null;

/**
 * The tab's one connection to the server (same origin), created on first use and reopened if the server
 * closed it (after a removal the same tab may join again under a new name).
 */
export function getSocket(): ArenaClientSocket {
  shared ??= io({ auth: { protocolVersion: PROTOCOL_VERSION } });
  if (!shared.active) shared.connect();
  return shared;
}

/** Sends a request and resolves with the reply's data; rejects with a RequestError on refusal or timeout. */
export async function send<E extends ClientEvent>(event: E, payload: RequestOf<E>): Promise<ReplyOf<E>> {
  // socket.io's emit typings cannot follow a generic event name, so the call is typed by our own map.
  const socket = getSocket().timeout(REQUEST_TIMEOUT_MS);
  const emit = socket.emitWithAck.bind(socket) as (ev: E, body: RequestOf<E>) => Promise<Ack<ReplyOf<E>>>;
  let ack: Ack<ReplyOf<E>>;
  try {
    ack = await emit(event, payload);
  } catch {
    throw new RequestError('TIMEOUT', 'The server did not answer in time. Check your connection and try again.');
  }
  if (!ack.ok) throw new RequestError(ack.error.code, ack.error.message, ack.error.issues);
  return ack.data;
}
