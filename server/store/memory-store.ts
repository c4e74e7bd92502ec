import path from 'node:path';
import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { BoardVisibility } from '../../lib/protocol/board';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunStatus, RunView } from '../../lib/protocol/run';
import { SESSION_TTL_S } from './keys';
import { applyPoints } from './run-points';
import { SessionFiles, type PointsBatch, type SessionFile } from './session-files';
import type { AddParticipantResult, CreateRunResult, RoundChangeResult, Store } from './store';

interface RunEntry {
  run: RunView;
  points: Map<number, MetricPoint>;
}

interface Entry {
  record: SessionRecord;
  nicknameKeys: Set<string>;
  runs: Map<string, RunEntry>;
  /** Uploaded texts by id. */
  texts: Map<string, string>;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
  /** Points received since the last write to disk. */
  unsaved: PointsBatch[];
  /** Something other than points changed since `session.json` was last written. */
  sessionChanged: boolean;
  /** A text was added since the last write to disk. */
  textsChanged: boolean;
}

/** A session's disk writes: the one running, and the one queued behind it that later changes join. */
interface WriteChain {
  running: Promise<void> | null;
  queued: Promise<void> | null;
}

/** Metric points arrive many times a second; their file writes are batched this long. */
const POINTS_FLUSH_MS = 1_000;

export interface MemoryStoreOptions {
  /** When set, every session is written to `<dataDir>/sessions/<code>/` (see SessionFiles) and read back on open. */
  dataDir?: string;
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
}

/**
 * The embedded store: one process, no Redis. With a data folder, each session is written through to disk:
 * session changes before the call resolves, metric points within POINTS_FLUSH_MS, and everything on
 * close(). Writes are coalesced per session: while one runs, any number of changes share the next, which
 * reads the state when it starts, so 200 students joining at once cost a few writes, not 200. Points only
 * append to the log: run summaries and the session's lifetime are replayed from it on load.
 */
export class MemoryStore implements Store {
  private readonly sessions = new Map<string, Entry>();
  /** Per-session write chains keep file writes in order without blocking other sessions. */
  private readonly writes = new Map<string, WriteChain>();
  private readonly pendingFlush = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private readonly files: SessionFiles | null;

  private constructor(options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
    this.files = options.dataDir ? new SessionFiles(path.join(options.dataDir, 'sessions')) : null;
  }

  /** Opens the store, loading every unexpired session from the data folder. */
  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(options);
    for (const { file, points, texts } of (await store.files?.loadAll()) ?? []) {
      const runs = new Map(file.runs.map((run) => [run.id, { run, points: new Map<number, MetricPoint>() }]));
      let expiresAt = file.expiresAt;
      for (const batch of points) {
        const found = runs.get(batch.runId);
        if (!found) continue;
        for (const p of batch.points) found.points.set(p.seq, p);
        // Idempotent: the summary in session.json may already count some of these points.
        found.run = applyPoints(found.run, batch.points, batch.receivedAt);
        expiresAt = Math.max(expiresAt, batch.receivedAt + SESSION_TTL_S * 1000);
      }
      if (expiresAt <= store.now()) {
        await store.files?.remove(file.record.meta.code);
        continue;
      }
      store.sessions.set(file.record.meta.code, {
        record: file.record,
        nicknameKeys: new Set(file.nicknameKeys),
        runs,
        texts: new Map(texts),
        expiresAt,
        unsaved: [],
        sessionChanged: false,
        textsChanged: false,
      });
    }
    return store;
  }

  async createSession(meta: SessionMeta): Promise<boolean> {
    if (this.live(meta.code)) return false;
    this.sessions.set(meta.code, {
      record: { meta: structuredClone(meta), participants: [] },
      nicknameKeys: new Set(),
      runs: new Map(),
      texts: new Map(),
      expiresAt: 0,
      unsaved: [],
      sessionChanged: false,
      textsChanged: false,
    });
    await this.touch(meta.code, false);
    return true;
  }

  async getSession(code: string): Promise<SessionRecord | null> {
    const entry = this.live(code);
    return entry ? structuredClone(entry.record) : null;
  }

  async getSessionMeta(code: string): Promise<SessionMeta | null> {
    const entry = this.live(code);
    return entry ? structuredClone(entry.record.meta) : null;
  }

  async addParticipant(code: string, participant: Participant, nicknameKey: string): Promise<AddParticipantResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    if (entry.record.meta.locked) return 'locked';
    if (entry.nicknameKeys.has(nicknameKey)) return 'nickname-taken';
    entry.nicknameKeys.add(nicknameKey);
    entry.record.participants.push(structuredClone(participant));
    await this.touch(code, true);
    return 'ok';
  }

  async markKicked(code: string, participantId: string): Promise<boolean> {
    const participant = this.live(code)?.record.participants.find((p) => p.id === participantId);
    if (!participant) return false;
    participant.kicked = true;
    await this.touch(code, true);
    return true;
  }

  async setLocked(code: string, locked: boolean): Promise<boolean> {
    const entry = this.live(code);
    if (!entry) return false;
    entry.record.meta.locked = locked;
    await this.touch(code, true);
    return true;
  }

  async renameParticipant(
    code: string,
    participantId: string,
    nickname: string,
    nicknameKey: string,
    previousKey: string,
  ): Promise<'ok' | 'not-found' | 'nickname-taken'> {
    const entry = this.live(code);
    const participant = entry?.record.participants.find((p) => p.id === participantId);
    if (!entry || !participant) return 'not-found';
    if (nicknameKey !== previousKey && entry.nicknameKeys.has(nicknameKey)) return 'nickname-taken';
    entry.nicknameKeys.delete(previousKey);
    entry.nicknameKeys.add(nicknameKey);
    participant.nickname = nickname;
    await this.touch(code, true);
    return 'ok';
  }

  async setBoardVisibility(code: string, visibility: BoardVisibility, topN: number): Promise<boolean> {
    const entry = this.live(code);
    if (!entry) return false;
    entry.record.meta.boardVisibility = visibility;
    entry.record.meta.boardTopN = topN;
    await this.touch(code, true);
    return true;
  }

  async setChallenge(code: string, challenge: Challenge): Promise<'ok' | 'not-found' | 'conflict'> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    if (entry.record.meta.round.status === 'running') return 'conflict';
    entry.record.meta.challenge = structuredClone(challenge);
    await this.touch(code, true);
    return 'ok';
  }

  async startRound(code: string, startedAt: number, endsAt: number | null): Promise<RoundChangeResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    const { meta } = entry.record;
    if (meta.round.status === 'running') return 'conflict';
    meta.round = { index: meta.round.index + 1, status: 'running', startedAt, endsAt, endedAt: null };
    await this.touch(code, true);
    return { ...meta.round };
  }

  async endRound(code: string, index: number, endedAt: number): Promise<RoundChangeResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    const { meta } = entry.record;
    if (meta.round.index !== index || meta.round.status !== 'running') return 'conflict';
    meta.round = { ...meta.round, status: 'ended', endedAt };
    await this.touch(code, true);
    return { ...meta.round };
  }

  async dueRounds(now: number): Promise<{ code: string; index: number }[]> {
    const due: { code: string; index: number }[] = [];
    for (const code of this.sessions.keys()) {
      const round = this.live(code)?.record.meta.round;
      if (round?.status === 'running' && round.endsAt !== null && round.endsAt <= now)
        due.push({ code, index: round.index });
    }
    return due;
  }

  async createRun(code: string, run: RunView, maxRuns: number): Promise<CreateRunResult> {
    const entry = this.live(code);
    if (!entry) return 'round-not-running';
    const { round } = entry.record.meta;
    if (round.status !== 'running' || round.index !== run.round) return 'round-not-running';
    if (entry.runs.has(run.id)) return 'exists';
    const mine = [...entry.runs.values()].filter(
      (r) => r.run.participantId === run.participantId && r.run.round === run.round,
    );
    if (mine.length >= maxRuns) return 'limit';
    entry.runs.set(run.id, { run: structuredClone(run), points: new Map() });
    await this.touch(code, false);
    return 'ok';
  }

  async getRun(code: string, runId: string): Promise<RunView | null> {
    const found = this.live(code)?.runs.get(runId);
    return found ? structuredClone(found.run) : null;
  }

  async appendPoints(code: string, runId: string, points: MetricPoint[], receivedAt: number): Promise<number> {
    const entry = this.live(code);
    const found = entry?.runs.get(runId);
    if (!entry || !found) return 0;
    const fresh = points.filter((p) => !found.points.has(p.seq)).map((p) => ({ ...p }));
    for (const p of fresh) found.points.set(p.seq, p);
    found.run = applyPoints(found.run, fresh, receivedAt);
    // Metrics keep a session alive, as the Redis store's append does.
    entry.expiresAt = this.now() + SESSION_TTL_S * 1000;
    if (this.files && fresh.length > 0) entry.unsaved.push({ runId, receivedAt, points: fresh });
    this.scheduleFlush(code);
    return fresh.length;
  }

  async finishRun(code: string, runId: string, status: Exclude<RunStatus, 'running'>): Promise<boolean> {
    const found = this.live(code)?.runs.get(runId);
    if (!found) return false;
    found.run.status = status;
    await this.touch(code, false);
    return true;
  }

  async listRuns(code: string, round: number): Promise<RunView[]> {
    const runs = [...(this.live(code)?.runs.values() ?? [])].map((r) => r.run).filter((r) => r.round === round);
    return structuredClone(runs.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id)));
  }

  async getPoints(code: string, runId: string): Promise<MetricPoint[]> {
    const found = this.live(code)?.runs.get(runId);
    return found ? [...found.points.values()].sort((a, b) => a.seq - b.seq).map((p) => ({ ...p })) : [];
  }

  async putText(code: string, textId: string, text: string): Promise<boolean> {
    const entry = this.live(code);
    if (!entry) return false;
    entry.texts.set(textId, text);
    entry.textsChanged = true;
    await this.touch(code, false);
    return true;
  }

  async getText(code: string, textId: string): Promise<string | null> {
    return this.live(code)?.texts.get(textId) ?? null;
  }

  async close(): Promise<void> {
    for (const [code, timer] of this.pendingFlush) {
      clearTimeout(timer);
      void this.writeThrough(code);
    }
    this.pendingFlush.clear();
    await Promise.all([...this.writes.values()].flatMap((chain) => [chain.running, chain.queued]));
  }

  private live(code: string): Entry | null {
    const entry = this.sessions.get(code);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.sessions.delete(code);
      return null;
    }
    return entry;
  }

  private scheduleFlush(code: string): void {
    if (!this.files || this.pendingFlush.has(code)) return;
    const timer = setTimeout(() => {
      this.pendingFlush.delete(code);
      void this.writeThrough(code);
    }, POINTS_FLUSH_MS);
    timer.unref();
    this.pendingFlush.set(code, timer);
  }

  /** Extends the session's lifetime, counts a visible change, and, with a data folder, writes it through. */
  private touch(code: string, changed: boolean): Promise<void> {
    const entry = this.sessions.get(code);
    if (!entry) return Promise.resolve();
    if (changed) entry.record.meta.revision += 1;
    entry.expiresAt = this.now() + SESSION_TTL_S * 1000;
    entry.sessionChanged = true;
    return this.writeThrough(code);
  }

  /**
   * Resolves once a write that started after this call has finished: the queued write if there is one
   * (it has not read the state yet), otherwise a new one queued behind the running write.
   */
  private writeThrough(code: string): Promise<void> {
    const files = this.files;
    if (!files) return Promise.resolve();
    let chain = this.writes.get(code);
    if (!chain) {
      chain = { running: null, queued: null };
      this.writes.set(code, chain);
    }
    if (chain.queued) return chain.queued;
    const own = chain;
    const write: Promise<void> = (own.running ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        own.queued = null;
        own.running = write;
        try {
          await this.save(files, code);
        } finally {
          if (own.running === write) own.running = null;
        }
      });
    own.queued = write;
    return write;
  }

  /** Appends the points received since the last save, then writes the texts and the session file if they changed. */
  private async save(files: SessionFiles, code: string): Promise<void> {
    const entry = this.sessions.get(code);
    if (!entry) return;
    const batches = entry.unsaved;
    entry.unsaved = [];
    if (batches.length > 0) await files.appendPoints(code, batches);
    if (entry.textsChanged) {
      entry.textsChanged = false;
      await files.writeTexts(code, [...entry.texts]);
    }
    if (!entry.sessionChanged) return;
    entry.sessionChanged = false;
    const file: SessionFile = {
      record: entry.record,
      nicknameKeys: [...entry.nicknameKeys],
      runs: [...entry.runs.values()].map(({ run }) => run),
      expiresAt: entry.expiresAt,
    };
    await files.writeSession(code, file);
  }
}
