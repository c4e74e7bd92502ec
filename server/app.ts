import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import { Server, type ServerOptions } from 'socket.io';
import { HandshakeError } from '../lib/protocol/errors';
import { PROTOCOL_VERSION } from '../lib/protocol/version';
import type { AppContext, ArenaServer, RealtimeContext } from './context';
import { registerBoardHandlers } from './handlers/board-handlers';
import { clientAddress, createGuards, requestLimiter } from './handlers/rate-limits';
import { expelIfRemoved } from './handlers/request';
import { registerHostHandlers } from './handlers/host-handlers';
import { registerReviewHandlers } from './handlers/review-handlers';
import { registerRoundHandlers } from './handlers/round-handlers';
import { registerRunHandlers } from './handlers/run-handlers';
import { registerSessionHandlers } from './handlers/session-handlers';
import { createConnectionCap } from './http/connection-cap';
import { createOriginCheck } from './http/origin-check';
import { createBoardPublisher } from './jobs/board-publisher';
import { createPresencePublisher } from './jobs/presence-publisher';
import { startRoundClock } from './jobs/round-clock';
import { createSessionBroadcaster } from './jobs/session-broadcast';
import { startVerifier, type VerifyDeps } from './jobs/verifier';
import { BoardSnapshots } from './services/board-snapshots';
import { DEFAULT_LIMITS, type Limits } from './limits';
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
  /** Origins besides this machine's own addresses that browser pages may connect from (`Config.publicUrls`). */
  publicUrls?: string[];
  /** Caps and rate limits; unset ones take DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
  /** The queue and evaluation threads that score submitted weights; without them this instance scores none. */
  verify?: VerifyDeps;
}

/** Attaches the realtime server to `httpServer`. The seam every test uses: no Next.js, no environment. */
export function createApp(httpServer: HttpServer, deps: AppDeps): { io: ArenaServer; close: () => Promise<void> } {
  const now = deps.now ?? Date.now;
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const originCheck = createOriginCheck(deps.publicUrls ?? [], () => ({
    port: (httpServer.address() as AddressInfo).port,
    scheme: httpServer instanceof TlsServer ? 'https' : 'http',
  }));
  const connections = createConnectionCap(limits.connectionsPerAddress, limits.trustProxy);
  const io: ArenaServer = new Server(httpServer, {
    adapter: deps.adapter,
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS },
    // Next.js owns the other upgrade requests (its dev-mode hot reload), so they must not be destroyed.
    destroyUpgrade: false,
    allowRequest: (req, callback) =>
      originCheck(req, (reason, allowed) => {
        const refusal = allowed ? connections.refusal(req) : reason;
        callback(refusal, refusal === null);
      }),
    parser: textOnlyParser,
  });
  const realtime: RealtimeContext = { io, store: deps.store, tasks: deps.tasks, now };
  connections.track(io.engine);
  const sessions = createSessionBroadcaster(realtime);
  const ctx: AppContext = {
    ...realtime,
    sessions,
    boards: new BoardSnapshots(deps.store, now),
    limits,
    guards: createGuards(limits, now),
  };
  const stopRoundClock = startRoundClock(realtime, sessions);
  const board = createBoardPublisher(realtime);
  const presence = createPresencePublisher(io);
  const verifier = deps.verify ? startVerifier(realtime, deps.verify, board) : null;

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
    // A recovered connection is back in its rooms without a new join, so a student removed while it was
    // away is put out again at once (every request also checks: see requireStudent).
    if (socket.data.code) presence.changed(socket.data.code);
    if (socket.recovered && socket.data.role === 'student') void expelIfRemoved(ctx.store, socket);
    // A packet that fails to decode (binary data) closes the connection; without a listener the
    // socket's 'error' event would throw.
    socket.on('error', () => {});
    socket.on('disconnect', () => {
      if (socket.data.code) presence.changed(socket.data.code);
    });
    const address = clientAddress(socket, limits.trustProxy);
    const allow = requestLimiter(ctx.guards, socket, address, now);
    registerSessionHandlers(ctx, socket, allow, presence);
    registerHostHandlers(ctx, socket, allow);
    registerRoundHandlers(ctx, socket, allow);
    registerRunHandlers(ctx, socket, allow, board);
    registerBoardHandlers(ctx, socket, allow);
    registerReviewHandlers(ctx, socket, allow);
  });

  return {
    io,
    close: async () => {
      stopRoundClock();
      await verifier?.stop();
      sessions.stop();
      board.stop();
      presence.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
