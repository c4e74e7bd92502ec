import type { CurvePoint } from '../../lib/protocol/board';
import { ServerEvent } from '../../lib/protocol/events';
import type { MetricPoint } from '../../lib/protocol/run';
import { curveOf, toBoardRun } from '../services/board-service';
import { rooms, type RealtimeContext } from '../context';

/** At most this often per session, hosts get what changed: never one message per student metric. */
const BOARD_PUSH_MS = 200; // 5 pushes a second: a point reaches the host within 0.2 s of being stored, plus transit

interface Pending {
  runs: Set<string>;
  curves: Map<string, CurvePoint[]>;
}

export interface BoardPublisher {
  /** Notes that a run changed (started, stored points, finished, verified); pushed with the next batch. */
  touch(code: string, runId: string, stored?: readonly MetricPoint[]): void;
  stop(): void;
}

/**
 * Coalesces board changes per session and pushes them to the session's hosts as `board:delta`. Each
 * instance pushes the points it stored (each stored point once, never a client's resend); the adapter
 * carries them to hosts on every instance. A session whose push fails keeps its changes for the next
 * push, so one failed read loses nothing, and other sessions' pushes go on.
 */
export function createBoardPublisher(ctx: RealtimeContext): BoardPublisher {
  const pending = new Map<string, Pending>();
  let flushing = false;

  /** Queues changes for the next push; `requeued` ones (from a failed push) go before newer points. */
  const add = (code: string, runIds: Iterable<string>, curves: Iterable<[string, CurvePoint[]]>, requeued = false) => {
    let entry = pending.get(code);
    if (!entry) pending.set(code, (entry = { runs: new Set(), curves: new Map() }));
    for (const id of runIds) entry.runs.add(id);
    for (const [id, curve] of curves) {
      if (curve.length === 0) continue;
      const queued = entry.curves.get(id) ?? [];
      entry.curves.set(id, requeued ? [...curve, ...queued] : [...queued, ...curve]);
    }
  };

  const push = async (code: string, { runs, curves }: Pending) => {
    const record = await ctx.store.getSession(code);
    if (!record) return; // expired or deleted: nobody to tell
    const views = (await Promise.all([...runs].map((id) => ctx.store.getRun(code, id)))).filter((r) => r !== null);
    if (views.length === 0) return;
    const verifications = await ctx.store.verifications(
      code,
      views.map((r) => r.id),
    );
    ctx.io.to(rooms.hosts(code)).emit(ServerEvent.BoardDelta, {
      round: views[0].round,
      runs: views.map((r, i) => toBoardRun(r, record, verifications[i])),
      curves: Object.fromEntries(curves),
    });
  };

  const flush = async () => {
    if (flushing || pending.size === 0) return;
    flushing = true;
    const batch = [...pending];
    pending.clear();
    for (const [code, changes] of batch) {
      try {
        await push(code, changes);
      } catch (err) {
        console.error(`[board] push for ${code} failed; it goes with the next one`, err);
        add(code, changes.runs, changes.curves, true);
      }
    }
    flushing = false;
  };
  const timer = setInterval(() => void flush(), BOARD_PUSH_MS);
  timer.unref();

  return {
    touch(code, runId, stored = []) {
      add(code, [runId], [[runId, curveOf(stored)]]);
    },
    stop: () => clearInterval(timer),
  };
}
