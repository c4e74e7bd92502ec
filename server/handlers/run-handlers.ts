import { ClientEvent } from '../../lib/protocol/events';
import { runFinishRequest, runMetricsRequest, runMineRequest, runStartRequest } from '../../lib/protocol/run';
import { finishRun, recordMetrics, startRun } from '../services/run-service';
import { requireSessionMeta } from '../services/session-service';
import type { AppContext, ArenaSocket } from '../context';
import type { BoardPublisher } from '../jobs/board-publisher';
import { request, requireStudent } from './request';

/** `run:start`, `run:metrics`, `run:finish`, `run:mine`: a student's training runs and their metric stream. */
export function registerRunHandlers(
  ctx: AppContext,
  socket: ArenaSocket,
  allow: () => boolean,
  board: BoardPublisher,
): void {
  socket.on(
    ClientEvent.RunStart,
    request(allow, runStartRequest, async ({ runId, config }) => {
      const { code, participantId } = await requireStudent(ctx.store, socket);
      const meta = await requireSessionMeta(ctx.store, code);
      const vocabSize = await ctx.tasks.vocabSize(meta.challenge.task, code);
      const run = await startRun(ctx, meta, participantId, runId, config, vocabSize);
      board.touch(code, runId);
      return { run };
    }),
  );

  socket.on(
    ClientEvent.RunMetrics,
    request(allow, runMetricsRequest, async ({ runId, points }) => {
      const { code, participantId } = await requireStudent(ctx.store, socket);
      const meta = await requireSessionMeta(ctx.store, code);
      const stored = await recordMetrics(ctx, meta, participantId, runId, points);
      board.touch(code, runId, stored);
      return { stored: stored.length };
    }),
  );

  socket.on(
    ClientEvent.RunFinish,
    request(allow, runFinishRequest, async ({ runId, outcome }) => {
      const { code, participantId } = await requireStudent(ctx.store, socket);
      const meta = await requireSessionMeta(ctx.store, code);
      const run = await finishRun(ctx.store, meta, participantId, runId, outcome);
      board.touch(code, runId);
      return { run };
    }),
  );

  socket.on(
    ClientEvent.RunMine,
    request(allow, runMineRequest, async () => {
      const { code, participantId } = await requireStudent(ctx.store, socket);
      const meta = await requireSessionMeta(ctx.store, code);
      const runs = (await ctx.store.listRuns(code, meta.round.index)).filter((r) => r.participantId === participantId);
      const points = await Promise.all(runs.map((r) => ctx.store.getPoints(code, r.id)));
      return { runs, points: Object.fromEntries(runs.map((r, i) => [r.id, points[i]])) };
    }),
  );
}
