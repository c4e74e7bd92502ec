import { toSessionView, type SessionRecord } from '../../lib/domain/session';
import { ServerEvent } from '../../lib/protocol/events';
import type { SessionView } from '../../lib/protocol/schemas';
import { rooms, type AppContext } from '../context';

/** The session as its members see it now. */
export async function viewOf(ctx: AppContext, record: SessionRecord): Promise<SessionView> {
  return toSessionView(record, ctx.now(), {
    vocabSize: await ctx.tasks.vocabSize(record.meta.challenge.task, record.meta.code),
  });
}

/** Sends the full view to every member, on every instance (the adapter carries it across). */
export async function broadcastSession(ctx: AppContext, record: SessionRecord): Promise<void> {
  ctx.io.to(rooms.session(record.meta.code)).emit(ServerEvent.SessionState, await viewOf(ctx, record));
}
