import { ClientEvent } from '../../lib/protocol/events';
import { sessionCreateRequest, sessionJoinRequest, sessionResumeRequest, type Role } from '../../lib/protocol/schemas';
import { authenticateHost, authenticateParticipant, createSession, joinSession } from '../services/session-service';
import { rooms, type AppContext, type ArenaSocket } from '../context';
import { broadcastSession, viewOf } from '../jobs/session-broadcast';
import type { PresencePublisher } from '../jobs/presence-publisher';
import { detach, request } from './request';

/**
 * Puts the connection into the session's rooms in the given role, leaving any session it was in, and
 * has both sessions' hosts told who is connected (a host attaching gets the current state that way).
 */
function attach(
  socket: ArenaSocket,
  presence: PresencePublisher,
  code: string,
  role: Role,
  participantId: string | null,
): void {
  const previousCode = socket.data.code;
  detach(socket);
  if (previousCode) presence.changed(previousCode);
  socket.data = { code, role, participantId };
  socket.join(rooms.session(code));
  if (role === 'host') socket.join(rooms.hosts(code));
  if (participantId) socket.join(rooms.participant(code, participantId));
  presence.changed(code);
}

/** `session:create`, `session:join`, `session:resume`: becoming the host or a participant of a session. */
export function registerSessionHandlers(
  ctx: AppContext,
  socket: ArenaSocket,
  allow: () => boolean,
  presence: PresencePublisher,
): void {
  socket.on(
    ClientEvent.SessionCreate,
    request(allow, sessionCreateRequest, async () => {
      const { record, hostToken } = await createSession(ctx);
      attach(socket, presence, record.meta.code, 'host', null);
      return { code: record.meta.code, hostToken, session: await viewOf(ctx, record) };
    }),
  );

  socket.on(
    ClientEvent.SessionJoin,
    request(allow, sessionJoinRequest, async ({ code, nickname }) => {
      const { record, participant, token } = await joinSession(ctx, code, nickname);
      attach(socket, presence, code, 'student', participant.id);
      await broadcastSession(ctx, record);
      return { participantId: participant.id, token, session: await viewOf(ctx, record) };
    }),
  );

  socket.on(
    ClientEvent.SessionResume,
    request(allow, sessionResumeRequest, async (input) => {
      if (input.role === 'host') {
        const record = await authenticateHost(ctx.store, input.code, input.hostToken);
        attach(socket, presence, input.code, 'host', null);
        return { role: input.role, participantId: null, session: await viewOf(ctx, record) };
      }
      const { record, participant } = await authenticateParticipant(
        ctx.store,
        input.code,
        input.participantId,
        input.token,
      );
      attach(socket, presence, input.code, 'student', participant.id);
      return { role: input.role, participantId: participant.id, session: await viewOf(ctx, record) };
    }),
  );
}
