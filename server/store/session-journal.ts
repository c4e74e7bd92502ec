import { replaySession, toSessionFile, type SessionState } from './memory-state';
import type { PointsBatch, SessionFiles } from './session-files';

/** After a failed write (a full or failing disk), the next try comes this much later. */
const RETRY_MS = 5_000;

/** What changed in a session since its files were last written. */
interface Dirty {
  /** Points received since the last append to the log, in arrival order. */
  points: PointsBatch[];
  /** Something other than points changed: `session.json` is stale. */
  session: boolean;
  /** Ids of texts added since the last write. */
  texts: Set<string>;
  /** Ids of runs whose submitted weights were stored or dropped since the last write. */
  weights: Set<string>;
}

/** A session's disk writes: the one running, and the one queued behind it that later changes join. */
interface WriteChain {
  running: Promise<void> | null;
  queued: Promise<void> | null;
}

/**
 * The embedded store's persistence: it writes each session's in-memory state through to its files and
 * replays the files on start. Writes are coalesced per session: while one runs, any number of changes
 * share the next, which reads the state when it starts, so 200 students joining at once cost a few
 * writes, not 200. Points only append to the log, and a batch's promise resolves once its append has
 * reached the file (a group commit: the batches that arrive while one append runs share the next), so an
 * acknowledgement sent after it survives the process being killed. A write that fails keeps what it was
 * to write and is tried again, so a disk fault delays data on disk but never drops it.
 */
export class SessionJournal {
  private readonly dirty = new Map<string, Dirty>();
  private readonly writes = new Map<string, WriteChain>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** `state(code)`: the session as it is now, read when a write starts; null once it is gone. */
  constructor(
    private readonly files: SessionFiles,
    private readonly state: (code: string) => SessionState | null,
  ) {}

  /**
   * Every readable session on disk, rebuilt from its files (see replaySession). Unreadable ones are
   * logged and left on disk. `ttlMs`: a session's lifetime after a change.
   */
  async load(ttlMs: number): Promise<SessionState[]> {
    const loaded = await this.files.loadAll((code, err) =>
      console.error(`[store] session ${code} not loaded: ${err.message}`),
    );
    return loaded.map((session) => replaySession(session, ttlMs));
  }

  /** Resolves once a write that read the state after this call has finished (rejects if it failed). */
  sessionChanged(code: string): Promise<void> {
    this.dirtyOf(code).session = true;
    return this.writeThrough(code);
  }

  /** Notes that a text was added; it is written with the session's next write. */
  textAdded(code: string, textId: string): void {
    this.dirtyOf(code).texts.add(textId);
  }

  /** Notes that a run's weights were stored or dropped; the file follows with the session's next write. */
  weightsChanged(code: string, runId: string): void {
    this.dirtyOf(code).weights.add(runId);
  }

  /**
   * Appends a batch of new points to the log; resolves once it is in the file, rejects when the write
   * failed (the batch stays queued and is tried again). Without a batch, resolves once every point queued
   * so far is written: a resent batch the state already holds must not be acknowledged before its first
   * copy is on disk.
   */
  pointsStored(code: string, batch?: PointsBatch): Promise<void> {
    const dirty = this.dirtyOf(code);
    if (batch) dirty.points.push(batch);
    else if (dirty.points.length === 0 && !this.writes.get(code)?.running) return Promise.resolve();
    return this.writeThrough(code).catch((err: unknown) => {
      this.schedule(code, RETRY_MS);
      throw err;
    });
  }

  /**
   * Deletes the session's files, once the writes already under way have finished: one finishing after
   * the delete would bring the folder back. Call it once the state is gone, so queued writes find nothing.
   */
  async remove(code: string): Promise<void> {
    this.dirty.delete(code);
    clearTimeout(this.timers.get(code));
    this.timers.delete(code);
    const chain = this.writes.get(code);
    if (chain) await Promise.allSettled([chain.running, chain.queued]);
    this.writes.delete(code);
    await this.files.remove(code);
  }

  /** Writes everything still waiting. A write that fails is logged; close() itself does not fail. */
  async close(): Promise<void> {
    for (const [code, timer] of this.timers) {
      clearTimeout(timer);
      this.writeThrough(code).catch(() => {});
    }
    this.timers.clear();
    const pending = [...this.writes.values()].flatMap((chain) => [chain.running, chain.queued]);
    for (const result of await Promise.allSettled(pending)) {
      if (result.status === 'rejected') console.error('[store] last write failed', result.reason);
    }
  }

  private dirtyOf(code: string): Dirty {
    let dirty = this.dirty.get(code);
    if (!dirty) this.dirty.set(code, (dirty = { points: [], session: false, texts: new Set(), weights: new Set() }));
    return dirty;
  }

  private schedule(code: string, delayMs: number): void {
    if (this.timers.has(code)) return;
    const timer = setTimeout(() => {
      this.timers.delete(code);
      this.writeThrough(code).catch((err: unknown) => {
        console.error(`[store] writing session ${code} failed; trying again`, err);
        this.schedule(code, RETRY_MS);
      });
    }, delayMs);
    timer.unref();
    this.timers.set(code, timer);
  }

  /**
   * Resolves once a write that started after this call has finished: the queued write if there is one
   * (it has not read the state yet), otherwise a new one queued behind the running write.
   */
  private writeThrough(code: string): Promise<void> {
    let chain = this.writes.get(code);
    if (!chain) this.writes.set(code, (chain = { running: null, queued: null }));
    if (chain.queued) return chain.queued;
    const own = chain;
    const write: Promise<void> = (own.running ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        own.queued = null;
        own.running = write;
        try {
          await this.save(code);
        } finally {
          if (own.running === write) own.running = null;
        }
      });
    own.queued = write;
    return write;
  }

  /**
   * Appends the points received since the last save, then writes new texts and changed weights, and the
   * session file if stale.
   */
  private async save(code: string): Promise<void> {
    const state = this.state(code);
    const dirty = this.dirty.get(code);
    if (!state || !dirty) return;
    const batches = dirty.points;
    dirty.points = [];
    try {
      if (batches.length > 0) await this.files.appendPoints(code, batches);
    } catch (err) {
      dirty.points = [...batches, ...dirty.points];
      throw err;
    }
    for (const textId of dirty.texts) {
      const text = state.texts.get(textId);
      if (text !== undefined) await this.files.writeText(code, textId, text);
      dirty.texts.delete(textId);
    }
    for (const runId of dirty.weights) {
      await this.files.writeWeights(code, runId, state.runs.get(runId)?.weights ?? null);
      dirty.weights.delete(runId);
    }
    if (dirty.session) {
      dirty.session = false;
      await this.files.writeSession(code, toSessionFile(state)).catch((err: unknown) => {
        dirty.session = true;
        throw err;
      });
    }
  }
}
