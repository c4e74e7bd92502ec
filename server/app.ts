import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { HandshakeError } from '../lib/protocol/errors';
import { PROTOCOL_VERSION } from '../lib/protocol/version';
import type { AppContext, ArenaServer } from './context';
import { registerBoardHandlers } from './handlers/board-handlers';
import { registerHostHandlers } from './handlers/host-handlers';
import { createRateLimiter } from './handlers/request';
import { registerRoundHandlers } from './handlers/round-handlers';
import { registerRunHandlers } from './handlers/run-handlers';
import { registerSessionHandlers } from './handlers/session-handlers';
import { createOriginCheck } from './http/origin-check';
import { createBoardPublisher } from './jobs/board-publisher';
import { createPresencePublisher } from './jobs/presence-publisher';
import { startRoundClock } from './jobs/round-clock';
import type { TaskCatalog } from './services/deps';
import type { Store } from './store/store';
import { textOnlyParser } from './text-only-parser';

/** Largest message a client may send; sessions carry short strings only. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long a dropped connection can come back with its rooms and missed messages. */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

export interface AppDeps {
  store: Store;
  tasks: TaskCatalog;
  /** A Socket.IO adapter shared by several instances (Redis); the default keeps fan-out in this process. */
  adapter?: ServerOptions['adapter'];
  /** Origins besides the request's own Host that browser pages may connect from (`Config.publicUrls`). */
  publicUrls?: string[];
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
}

/** Attaches the realtime server to `httpServer`. The seam every test uses: no Next.js, no environment. */
export function createApp(httpServer: HttpServer, deps: AppDeps): { io: ArenaServer; close: () => Promise<void> } {
  const now = deps.now ?? Date.now;
  const io: ArenaServer = new Server(httpServer, {
    adapter: deps.adapter,
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS },
    // Next.js owns the other upgrade requests (its dev-mode hot reload), so they must not be destroyed.
    destroyUpgrade: false,
    allowRequest: createOriginCheck(deps.publicUrls ?? []),
    parser: textOnlyParser,
  });
  const ctx: AppContext = { io, store: deps.store, tasks: deps.tasks, now };
  const stopRoundClock = startRoundClock(ctx);
  const board = createBoardPublisher(ctx);
  const presence = createPresencePublisher(io);

  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    if (version === PROTOCOL_VERSION) return next();
    const err = new Error(
      `This page speaks protocol ${String(version)} but the server speaks ${PROTOCOL_VERSION}: reload the page.`,
    );
    Object.assign(err, { data: { code: HandshakeError.ProtocolMismatch, serverVersion: PROTOCOL_VERSION } });
    next(err);
  });

  io.on('connection', (socket) => {
    if (!socket.recovered) socket.data = { code: null, role: null, participantId: null };
    // A recovered connection is back in its rooms without a new join.
    if (socket.data.code) presence.changed(socket.data.code);
    // A packet that fails to decode (binary data) closes the connection; without a listener the
    // socket's 'error' event would throw.
    socket.on('error', () => {});
    socket.on('disconnect', () => {
      if (socket.data.code) presence.changed(socket.data.code);
    });
    const allow = createRateLimiter(now);
    registerSessionHandlers(ctx, socket, allow, presence);
    registerHostHandlers(ctx, socket, allow);
    registerRoundHandlers(ctx, socket, allow);
    registerRunHandlers(ctx, socket, allow, board);
    registerBoardHandlers(ctx, socket, allow);
  });

  return {
    io,
    close: () => {
      stopRoundClock();
      board.stop();
      presence.stop();
      return new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
