import type { SessionRecord } from '../../lib/domain/session';
import type { BoardSnapshot } from '../../lib/protocol/board';
import type { Store } from '../store/store';
import { boardSnapshot } from './board-service';

/**
 * How long one snapshot serves every `board:get` of its session, round and kind on this instance. A
 * class polling its board (300 students every 3 s) or a burst of hosts then costs one store read a
 * second, not one per request; a second-old board is fresh enough for a leaderboard.
 */
const SNAPSHOT_TTL_MS = 1_000;

interface Cached {
  /** Milliseconds since the Unix epoch. */
  at: number;
  snapshot: Promise<BoardSnapshot>;
}

/**
 * Board snapshots, shared by every request of an instance for SNAPSHOT_TTL_MS. Requests that arrive
 * while a snapshot is being read wait for that same read. A failed read is not kept.
 */
export class BoardSnapshots {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** The tail of the queue of large replies (see `get`). */
  private turn: Promise<void> = Promise.resolve();

  /**
   * The board of `round` (see boardSnapshot); do not change what it resolves to: others share it. With
   * curves, callers resume one per event-loop turn: each then sends a reply of a megabyte or more, and
   * twenty encoded back to back stalled every other request for half a second.
   */
  async get(record: SessionRecord, round: number, withCurves: boolean): Promise<BoardSnapshot> {
    const snapshot = await this.shared(record, round, withCurves);
    if (!withCurves) return snapshot;
    const mine = this.turn.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    this.turn = mine;
    await mine;
    return snapshot;
  }

  private shared(record: SessionRecord, round: number, withCurves: boolean): Promise<BoardSnapshot> {
    const t = this.now();
    for (const [key, entry] of this.cache) if (t - entry.at >= SNAPSHOT_TTL_MS) this.cache.delete(key);
    // The revision changes with every rename or removal, so a snapshot never shows an outdated roster.
    const key = `${record.meta.code}:${record.meta.revision}:${round}:${withCurves ? 'curves' : 'runs'}`;
    const hit = this.cache.get(key);
    if (hit) return hit.snapshot;
    const entry: Cached = { at: t, snapshot: boardSnapshot(this.store, record, round, withCurves) };
    this.cache.set(key, entry);
    entry.snapshot.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return entry.snapshot;
  }
}
