import type { Server, Socket } from 'socket.io';
import type { ServerToClientEvents, UntrustedClientToServerEvents } from '../lib/protocol/event-maps';
import type { Role } from '../lib/protocol/schemas';
import type { RequestGuards } from './handlers/rate-limits';
import type { SessionBroadcaster } from './jobs/session-broadcast';
import type { Limits } from './limits';
import type { BoardSnapshots } from './services/board-snapshots';
import type { ServiceDeps, TaskCatalog } from './services/deps';

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

/** What background jobs need: the services' dependencies plus the Socket.IO server. */
export interface RealtimeContext extends ServiceDeps {
  io: ArenaServer;
  tasks: TaskCatalog;
}

/** What handlers share: the jobs' context, the session broadcaster and this instance's board snapshots. */
export interface AppContext extends RealtimeContext {
  sessions: SessionBroadcaster;
  boards: BoardSnapshots;
  limits: Limits;
  guards: RequestGuards;
}

/** Room names: every member of a session, its hosts, and each participant's own sockets (for a kick). */
export const rooms = {
  session: (code: string) => `session:${code}`,
  /** The session's host connections (the projector, the instructor's laptop): board deltas go here. */
  hosts: (code: string) => `hosts:${code}`,
  participant: (code: string, participantId: string) => `participant:${code}:${participantId}`,
};
