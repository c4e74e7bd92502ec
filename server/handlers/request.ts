import type { z } from 'zod';
import { ErrorCode, type Ack, type ErrorBody } from '../../lib/protocol/errors';
import { ServerEvent } from '../../lib/protocol/events';
import { rooms, type ArenaSocket } from '../context';
import { KICKED_MESSAGE } from '../services/session-service';
import type { Store } from '../store/store';
import { ServiceError } from '../services/service-error';

/**
 * An error ack names at most this many schema issues, each clipped: a payload with thousands of faults
 * must not buy a reply many times its own size.
 */
const MAX_ISSUES = 10;
const MAX_ISSUE_CHARS = 200;
const clip = (text: string) => (text.length > MAX_ISSUE_CHARS ? `${text.slice(0, MAX_ISSUE_CHARS - 1)}…` : text);

const fail = (code: ErrorCode, message: string, issues?: ErrorBody['issues']): Ack<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/**
 * Wraps a request handler: rate-limits, parses the untrusted payload with `schema`, runs `run`, and
 * answers through the ack. A request sent without an ack callback is dropped (nobody would hear the reply).
 * Nothing thrown escapes: a ServiceError becomes its own error ack, anything else INTERNAL.
 */
export function request<S extends z.ZodType, R>(
  allow: () => boolean,
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    if (typeof ack !== 'function') return;
    const reply = ack as (response: Ack<R>) => void;
    if (!allow()) return reply(fail(ErrorCode.RateLimited, 'Too many requests; wait a moment and try again.'));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({
        path: clip(i.path.join('.')),
        message: clip(i.message),
      }));
      return reply(fail(ErrorCode.BadRequest, issues[0]?.message ?? 'Invalid request', issues));
    }
    try {
      reply({ ok: true, data: await run(parsed.data) });
    } catch (err) {
      if (err instanceof ServiceError) return reply(fail(err.code, err.message, err.issues));
      console.error('[request] unexpected failure', err);
      reply(fail(ErrorCode.Internal, 'Something went wrong on the server. Try again.'));
    }
  };
}

/** Requires that this connection acts as the host of a session; returns its code. */
export function requireHost(socket: ArenaSocket): string {
  const { code, role } = socket.data;
  if (!code || role !== 'host') throw new ServiceError(ErrorCode.Forbidden, 'Only the host of a class can do that.');
  return code;
}

/**
 * Requires that this connection acts as a participant of a session who is still in it. The standing
 * is read from the store on every request, whatever the transport did: a connection that Socket.IO
 * recovered after a kick still carries its old role, so it is stripped of it here and refused.
 */
export async function requireStudent(
  store: Store,
  socket: ArenaSocket,
): Promise<{ code: string; participantId: string }> {
  const { code, role, participantId } = socket.data;
  if (!code || role !== 'student' || !participantId)
    throw new ServiceError(ErrorCode.Forbidden, 'Join the class first.');
  const standing = await store.participantStanding(code, participantId);
  if (standing === 'active') return { code, participantId };
  detach(socket);
  if (standing === 'kicked') throw new ServiceError(ErrorCode.Kicked, KICKED_MESSAGE);
  throw new ServiceError(ErrorCode.Forbidden, 'Join the class first.');
}

/** Tells a connection whose participant was removed so, and closes it; a store failure leaves it be. */
export async function expelIfRemoved(store: Store, socket: ArenaSocket): Promise<void> {
  try {
    await requireStudent(store, socket);
  } catch (err) {
    if (!(err instanceof ServiceError) || err.code !== ErrorCode.Kicked) return;
    socket.emit(ServerEvent.SessionKicked, { message: err.message });
    socket.disconnect(true);
  }
}

/** Takes the connection out of its session: no role, no rooms, so no broadcast reaches it either. */
export function detach(socket: ArenaSocket): void {
  const { code, participantId } = socket.data;
  if (code) {
    socket.leave(rooms.session(code));
    socket.leave(rooms.hosts(code));
    if (participantId) socket.leave(rooms.participant(code, participantId));
  }
  socket.data = { code: null, role: null, participantId: null };
}
