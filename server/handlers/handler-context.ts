import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { ErrorCode, type Ack, type ErrorBody } from '../../lib/protocol/errors';
import type { ServerToClientEvents, UntrustedClientToServerEvents } from '../../lib/protocol/event-maps';
import type { TaskChoice } from '../../lib/protocol/challenge';
import type { Role } from '../../lib/protocol/schemas';
import { ServiceError } from '../services/service-error';
import type { ServiceDeps } from '../services/session-service';

/** Who this connection is, once `session:create`, `session:join` or `session:resume` has succeeded. */
export interface SocketData {
  code: string | null;
  role: Role | null;
  participantId: string | null;
}

// Inter-server events are not used: cross-instance fan-out goes through the adapter's rooms.
export type ArenaServer = Server<
  UntrustedClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ArenaSocket = Socket<
  UntrustedClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** What the server needs to know about tasks to check challenges and runs. */
export interface TaskCatalog {
  /**
   * Vocabulary size of the task as configured, in session `code` (whose uploaded texts it may use);
   * rejects with a ServiceError for an unknown task or bad parameters.
   */
  vocabSize(task: TaskChoice, code: string): Promise<number>;
}

export interface HandlerContext extends ServiceDeps {
  io: ArenaServer;
  tasks: TaskCatalog;
}

/** Room names: every member of a session, its hosts, and each participant's own sockets (for a kick). */
export const rooms = {
  session: (code: string) => `session:${code}`,
  /** The session's host connections (the projector, the instructor's laptop): board deltas go here. */
  hosts: (code: string) => `hosts:${code}`,
  participant: (code: string, participantId: string) => `participant:${code}:${participantId}`,
};

/** Requests allowed per connection: a burst, refilled at a steady rate. */
const RATE_BURST = 20;
const RATE_PER_SECOND = 5;

/** A token bucket per connection, so one misbehaving client cannot flood the store. */
export function createRateLimiter(now: () => number) {
  let tokens = RATE_BURST;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(RATE_BURST, tokens + ((t - last) / 1000) * RATE_PER_SECOND);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

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
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
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

/** Requires that this connection acts as a participant of a session. */
export function requireStudent(socket: ArenaSocket): { code: string; participantId: string } {
  const { code, role, participantId } = socket.data;
  if (!code || role !== 'student' || !participantId)
    throw new ServiceError(ErrorCode.Forbidden, 'Join the class first.');
  return { code, participantId };
}
