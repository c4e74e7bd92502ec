import { ClientEvent, ServerEvent } from '../../lib/protocol/events';
import { reviewLinkRequest, reviewRevokeRequest, sessionDeleteRequest } from '../../lib/protocol/review';
import { createReviewKey, deleteSession, revokeReviewKeys } from '../services/review-service';
import { rooms, type AppContext, type ArenaSocket } from '../context';
import { detach, request, requireHost } from './request';

/** What the members of a deleted session are told. */
const DELETED_MESSAGE = 'The instructor deleted this class and everything stored about it.';

/** `review:link`, `review:revoke` and `session:delete`: after class, host only. */
export function registerReviewHandlers(ctx: AppContext, socket: ArenaSocket, allow: () => boolean): void {
  socket.on(
    ClientEvent.ReviewLink,
    request(allow, reviewLinkRequest, async ({ anonymous }) => {
      const code = requireHost(socket);
      return { reviewKey: await createReviewKey(ctx, code, anonymous) };
    }),
  );

  socket.on(
    ClientEvent.ReviewRevoke,
    request(allow, reviewRevokeRequest, async () => {
      await revokeReviewKeys(ctx.store, requireHost(socket));
      return {};
    }),
  );

  socket.on(
    ClientEvent.SessionDelete,
    request(allow, sessionDeleteRequest, async () => {
      const code = requireHost(socket);
      await deleteSession(ctx.store, code);
      // Every other member, on whichever instance holds their socket, is told and then disconnected;
      // the asking connection gets this reply and stays open, in no session, to start another.
      ctx.io.to(rooms.session(code)).except(socket.id).emit(ServerEvent.SessionDeleted, { message: DELETED_MESSAGE });
      ctx.io.in(rooms.session(code)).except(socket.id).disconnectSockets(true);
      detach(socket);
      return {};
    }),
  );
}
