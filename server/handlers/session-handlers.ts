import { ErrorCode } from '../../lib/protocol/errors';
import { ClientEvent } from '../../lib/protocol/events';
import { ServiceError } from '../services/service-error';
import { sessionCreateRequest, sessionJoinRequest, sessionResumeRequest, type Role } from '../../lib/protocol/schemas';
import { authenticateHost, authenticateParticipant, createSession, joinSession } from '../services/session-service';
import { rooms, type AppContext, type ArenaSocket } from '../context';
import { viewOf } from '../jobs/session-broadcast';
import type { PresencePublisher } from '../jobs/presence-publisher';
import { clientAddress } from './rate-limits';
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
  const address = clientAddress(socket, ctx.limits.trustProxy);
  // Joins and resumes, right or wrong, count per network address: guessing join codes stays slow.
  const checkJoinRate = () => {
    if (!ctx.guards.joins.take(address))
      throw new ServiceError(ErrorCode.RateLimited, 'Too many joins from this network; wait a minute and try again.');
  };
  socket.on(
    ClientEvent.SessionCreate,
    request(allow, sessionCreateRequest, async () => {
      if (!ctx.guards.sessions.take(address))
        throw new ServiceError(ErrorCode.RateLimited, 'This network has opened many classes lately; wait a while.');
      const { record, hostToken } = await createSession(ctx);
      attach(socket, presence, record.meta.code, 'host', null);
      return { code: record.meta.code, hostToken, session: await viewOf(ctx, record) };
    }),
  );

  socket.on(
    ClientEvent.SessionJoin,
    request(allow, sessionJoinRequest, async ({ code, nickname }) => {
      checkJoinRate();
      const { record, participant, token } = await joinSession(ctx, code, nickname, ctx.limits.participantsPerSession);
      attach(socket, presence, code, 'student', participant.id);
      ctx.sessions.participantChanged(code, participant.id);
      return { participantId: participant.id, token, session: await viewOf(ctx, record) };
    }),
  );

  socket.on(
    ClientEvent.SessionResume,
    request(allow, sessionResumeRequest, async (input) => {
      checkJoinRate();
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
