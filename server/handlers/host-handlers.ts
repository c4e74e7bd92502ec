import { ClientEvent, ServerEvent } from '../../lib/protocol/events';
import { hostRenameRequest } from '../../lib/protocol/board';
import { hostKickRequest, hostLockRequest } from '../../lib/protocol/schemas';
import { KICKED_MESSAGE, kickParticipant, renameParticipant, setLocked } from '../services/session-service';
import { rooms, type AppContext, type ArenaSocket } from '../context';
import { request, requireHost } from './request';

/** `host:kick`, `host:lock` and `host:rename`: moderation, allowed only to a connection that holds the host role. */
export function registerHostHandlers(ctx: AppContext, socket: ArenaSocket, allow: () => boolean): void {
  socket.on(
    ClientEvent.HostKick,
    request(allow, hostKickRequest, async ({ participantId }) => {
      const code = requireHost(socket);
      await kickParticipant(ctx.store, code, participantId);
      // The notice and the disconnect both reach the participant on whichever instance holds their socket.
      const room = rooms.participant(code, participantId);
      ctx.io.to(room).emit(ServerEvent.SessionKicked, { message: KICKED_MESSAGE });
      ctx.io.in(room).disconnectSockets(true);
      ctx.sessions.participantRemoved(code, participantId);
      return {};
    }),
  );

  socket.on(
    ClientEvent.HostRename,
    request(allow, hostRenameRequest, async ({ participantId, nickname }) => {
      const code = requireHost(socket);
      await renameParticipant(ctx.store, code, participantId, nickname);
      ctx.sessions.participantChanged(code, participantId);
      return {};
    }),
  );

  socket.on(
    ClientEvent.HostLock,
    request(allow, hostLockRequest, async ({ locked }) => {
      const code = requireHost(socket);
      const record = await setLocked(ctx.store, code, locked);
      ctx.sessions.settingsChanged(code);
      return { locked: record.meta.locked };
    }),
  );
}
