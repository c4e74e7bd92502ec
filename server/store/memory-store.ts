import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { BoardVisibility } from '../../lib/protocol/board';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunStatus, RunView } from '../../lib/protocol/run';
import { SESSION_TTL_S } from './keys';
import { applyPoints } from './run-points';
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
}

/** What one session's file holds. */
interface SessionFile {
  record: SessionRecord;
  nicknameKeys: string[];
  runs: { run: RunView; points: MetricPoint[] }[];
  texts: [string, string][];
  expiresAt: number;
}

/** Metric points arrive many times a second; their file writes are batched this long. */
const POINTS_FLUSH_MS = 1_000;

export interface MemoryStoreOptions {
  /** When set, every session is written to `<dataDir>/sessions/<code>.json` and read back on open. */
  dataDir?: string;
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
}

/**
 * The embedded store: one process, no Redis. With a data folder, each session is written through to disk
 * (to a temporary file, then renamed, so a crash never leaves half a file): session changes before the
 * call resolves, metric points within POINTS_FLUSH_MS, and everything on close().
 */
export class MemoryStore implements Store {
  private readonly sessions = new Map<string, Entry>();
  /** Per-session write chains keep file writes in order without blocking other sessions. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly pendingFlush = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private readonly dir: string | null;

  private constructor(options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
    this.dir = options.dataDir ? path.join(options.dataDir, 'sessions') : null;
  }

  /** Opens the store, loading every unexpired session file from the data folder. */
  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(options);
    if (store.dir) {
      await mkdir(store.dir, { recursive: true });
      await store.load(store.dir);
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

  async renameParticipant(code: string, participantId: string, nickname: string, nicknameKey: string, previousKey: string): Promise<'ok' | 'not-found' | 'nickname-taken'> {
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
      if (round?.status === 'running' && round.endsAt !== null && round.endsAt <= now) due.push({ code, index: round.index });
    }
    return due;
  }

  async createRun(code: string, run: RunView, maxRuns: number): Promise<CreateRunResult> {
    const entry = this.live(code);
    if (!entry) return 'round-not-running';
    const { round } = entry.record.meta;
    if (round.status !== 'running' || round.index !== run.round) return 'round-not-running';
    if (entry.runs.has(run.id)) return 'exists';
    const mine = [...entry.runs.values()].filter((r) => r.run.participantId === run.participantId && r.run.round === run.round);
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
    const fresh = points.filter((p) => !found.points.has(p.seq));
    for (const p of fresh) found.points.set(p.seq, { ...p });
    found.run = applyPoints(found.run, fresh, receivedAt);
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
    await this.touch(code, false);
    return true;
  }

  async getText(code: string, textId: string): Promise<string | null> {
    return this.live(code)?.texts.get(textId) ?? null;
  }

  async close(): Promise<void> {
    for (const [code, timer] of this.pendingFlush) {
      clearTimeout(timer);
      void this.touch(code, false);
    }
    this.pendingFlush.clear();
    await Promise.all(this.writes.values());
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
    if (!this.dir || this.pendingFlush.has(code)) return;
    const timer = setTimeout(() => {
      this.pendingFlush.delete(code);
      void this.touch(code, false);
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
    if (!this.dir) return Promise.resolve();
    const file: SessionFile = {
      record: entry.record,
      nicknameKeys: [...entry.nicknameKeys],
      runs: [...entry.runs.values()].map(({ run, points }) => ({ run, points: [...points.values()] })),
      texts: [...entry.texts],
      expiresAt: entry.expiresAt,
    };
    const json = JSON.stringify(file);
    const target = path.join(this.dir, `${code}.json`);
    const write = (this.writes.get(code) ?? Promise.resolve()).then(async () => {
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, target);
    });
    this.writes.set(code, write);
    return write;
  }

  private async load(dir: string): Promise<void> {
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      const file = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as SessionFile;
      if (file.expiresAt <= this.now()) continue;
      this.sessions.set(file.record.meta.code, {
        record: file.record,
        nicknameKeys: new Set(file.nicknameKeys),
        runs: new Map(file.runs.map(({ run, points }) => [run.id, { run, points: new Map(points.map((p) => [p.seq, p])) }])),
        texts: new Map(file.texts),
        expiresAt: file.expiresAt,
      });
    }
  }
}
