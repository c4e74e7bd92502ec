import { ErrorCode } from '../../lib/protocol/errors';
import { ClientEvent } from '../../lib/protocol/events';
import { boardGetRequest, boardVisibilityRequest } from '../../lib/protocol/board';
import { studentBoard } from '../services/board-service';
import { ServiceError } from '../services/service-error';
import { requireSession } from '../services/session-service';
import type { AppContext, ArenaSocket } from '../context';
import { request, requireHost, requireStudent } from './request';

/** `board:get` (hosts see everything, students what the host allows) and `board:visibility` (host). */
export function registerBoardHandlers(ctx: AppContext, socket: ArenaSocket, allow: () => boolean): void {
  socket.on(
    ClientEvent.BoardGet,
    request(allow, boardGetRequest, async ({ round, curves }) => {
      const student = socket.data.role === 'student' ? await requireStudent(ctx.store, socket) : null;
      const code = student?.code ?? requireHost(socket);
      if (curves && !ctx.guards.boardCurves.take(code))
        throw new ServiceError(ErrorCode.RateLimited, 'The board is being loaded very often; try again in a moment.');
      const record = await requireSession(ctx.store, code);
      const board = await ctx.boards.get(record, round ?? record.meta.round.index, curves);
      return student ? studentBoard(board, record, student.participantId) : board;
    }),
  );

  socket.on(
    ClientEvent.BoardVisibility,
    request(allow, boardVisibilityRequest, async ({ visibility, topN }) => {
      const code = requireHost(socket);
      if (!(await ctx.store.setBoardVisibility(code, visibility, topN)))
        throw new ServiceError(ErrorCode.SessionNotFound, 'This class no longer exists.');
      ctx.sessions.settingsChanged(code);
      return {};
    }),
  );
}
