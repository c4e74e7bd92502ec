import type { CurvePoint } from '../../lib/protocol/board';
import { ServerEvent } from '../../lib/protocol/events';
import type { MetricPoint } from '../../lib/protocol/run';
import { curveOf, toBoardRun } from '../services/board-service';
import { requireSession } from '../services/session-service';
import { rooms, type AppContext } from '../context';

/** At most this often per session, hosts get what changed: never one message per student metric. */
const BOARD_PUSH_MS = 250; // 4 pushes a second

interface Pending {
  runs: Set<string>;
  curves: Map<string, CurvePoint[]>;
}

export interface BoardPublisher {
  /** Notes that a run changed (started, reported points, finished); pushed with the next batch. */
  touch(code: string, runId: string, points?: readonly MetricPoint[]): void;
  stop(): void;
}

/**
 * Coalesces board changes per session and pushes them to the session's hosts as `board:delta`. Each
 * instance pushes what it received; the adapter carries it to hosts on every instance.
 */
export function createBoardPublisher(ctx: AppContext): BoardPublisher {
  const pending = new Map<string, Pending>();
  let flushing = false;

  const flush = async () => {
    if (flushing || pending.size === 0) return;
    flushing = true;
    const batch = [...pending];
    pending.clear();
    try {
      for (const [code, { runs, curves }] of batch) {
        const record = await requireSession(ctx.store, code);
        const views = (await Promise.all([...runs].map((id) => ctx.store.getRun(code, id)))).filter((r) => r !== null);
        if (views.length === 0) continue;
        ctx.io.to(rooms.hosts(code)).emit(ServerEvent.BoardDelta, {
          round: views[0].round,
          runs: views.map((r) => toBoardRun(r, record)),
          curves: Object.fromEntries(curves),
        });
      }
    } catch (err) {
      console.error('[board] push failed', err);
    } finally {
      flushing = false;
    }
  };
  const timer = setInterval(() => void flush(), BOARD_PUSH_MS);
  timer.unref();

  return {
    touch(code, runId, points = []) {
      let entry = pending.get(code);
      if (!entry) pending.set(code, (entry = { runs: new Set(), curves: new Map() }));
      entry.runs.add(runId);
      const curve = curveOf(points);
      if (curve.length > 0) entry.curves.set(runId, [...(entry.curves.get(runId) ?? []), ...curve]);
    },
    stop: () => clearInterval(timer),
  };
}
