import path from 'node:path';
import type { SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { BoardVisibility } from '../../lib/protocol/board';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunStatus, RunView } from '../../lib/protocol/run';
import type { Verification } from '../../lib/protocol/verification';
import { SESSION_TTL_S } from './keys';
import { newSessionState, storePoints, type SessionState } from './memory-state';
import { MemoryVerifyQueue } from './memory-verify-queue';
import { SessionFiles } from './session-files';
import { SessionJournal } from './session-journal';
import type {
  AddParticipantResult,
  Admission,
  CreateRunResult,
  ParticipantStanding,
  Rename,
  RenameResult,
  ReviewKey,
  RoundChallenge,
  RoundChangeResult,
  Store,
  SubmitWeightsResult,
} from './store';

export interface MemoryStoreOptions {
  /** When set, every session is written to `<dataDir>/sessions/<code>/` (see SessionFiles) and read back on open. */
  dataDir?: string;
  /** Seconds a session is kept after its last change; SESSION_TTL_S by default. */
  ttlS?: number;
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
}

/**
 * The embedded store: one process, no Redis. It holds the sessions and applies the Store's rules in
 * memory; sessions expire `ttlS` after their last change. With a data folder, a SessionJournal
 * writes each change through to disk (session changes before the call resolves, metric points within
 * about a second) and replays the files on open. Its verification jobs go through `jobs`, in this
 * process; on open, every run whose verification is pending is queued again.
 */
export class MemoryStore implements Store {
  readonly jobs = new MemoryVerifyQueue();
  private readonly sessions = new Map<string, SessionState>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly journal: SessionJournal | null;

  private constructor(options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = (options.ttlS ?? SESSION_TTL_S) * 1000;
    this.journal = options.dataDir
      ? new SessionJournal(new SessionFiles(path.join(options.dataDir, 'sessions')), (code) => this.live(code))
      : null;
  }

  /** Opens the store, loading every unexpired session from the data folder. */
  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(options);
    for (const state of (await store.journal?.load(store.ttlMs)) ?? []) {
      const { code } = state.record.meta;
      if (state.expiresAt > store.now()) store.sessions.set(code, state);
      else await store.journal?.remove(code);
    }
    for (const [code, state] of store.sessions) {
      for (const { run, verification } of state.runs.values())
        if (verification?.status === 'pending') store.jobs.push({ code, runId: run.id });
    }
    return store;
  }

  async createSession(meta: SessionMeta): Promise<boolean> {
    if (this.live(meta.code)) return false;
    this.sessions.set(meta.code, newSessionState(meta));
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

  async addParticipant(
    code: string,
    { participant, nicknameKey, maxParticipants }: Admission,
  ): Promise<AddParticipantResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    if (entry.record.meta.locked) return 'locked';
    if (entry.record.participants.filter((p) => !p.kicked).length >= maxParticipants) return 'full';
    if (entry.nicknameKeys.has(nicknameKey)) return 'nickname-taken';
    entry.nicknameKeys.add(nicknameKey);
    entry.record.participants.push(structuredClone(participant));
    await this.touch(code, true);
    return 'ok';
  }

  async participantStanding(code: string, participantId: string): Promise<ParticipantStanding | null> {
    const participant = this.live(code)?.record.participants.find((p) => p.id === participantId);
    if (!participant) return null;
    return participant.kicked ? 'kicked' : 'active';
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
    { participantId, nickname, nicknameKey, previousKey }: Rename,
  ): Promise<RenameResult> {
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

  async startRound(
    code: string,
    startedAt: number,
    endsAt: number | null,
    testSeed: number,
  ): Promise<RoundChangeResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    const { meta } = entry.record;
    if (meta.round.status === 'running') return 'conflict';
    meta.round = { index: meta.round.index + 1, status: 'running', startedAt, endsAt, endedAt: null };
    entry.roundChallenges.set(meta.round.index, structuredClone(meta.challenge));
    entry.testSeeds.set(meta.round.index, testSeed);
    await this.touch(code, true);
    return { ...meta.round };
  }

  async roundTestSeed(code: string, round: number): Promise<number | null> {
    return this.live(code)?.testSeeds.get(round) ?? null;
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
    entry.runs.set(run.id, { run: structuredClone(run), points: new Map(), verification: null, weights: null });
    await this.touch(code, false);
    return 'ok';
  }

  async getRun(code: string, runId: string): Promise<RunView | null> {
    const found = this.live(code)?.runs.get(runId);
    return found ? structuredClone(found.run) : null;
  }

  async appendPoints(code: string, runId: string, points: MetricPoint[], receivedAt: number): Promise<MetricPoint[]> {
    const entry = this.live(code);
    const found = entry?.runs.get(runId);
    if (!entry || !found) return [];
    const fresh = storePoints(found, points, receivedAt);
    // Metrics keep a session alive, as the Redis store's append does.
    entry.expiresAt = this.now() + this.ttlMs;
    // Durable before acknowledged: the caller acks once this resolves.
    await this.journal?.pointsStored(code, fresh.length > 0 ? { runId, receivedAt, points: fresh } : undefined);
    return fresh.map((p) => ({ ...p }));
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

  async putText(code: string, textId: string, text: string, maxTexts: number): Promise<'ok' | 'not-found' | 'full'> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    if (!entry.texts.has(textId) && entry.texts.size >= maxTexts) return 'full';
    entry.texts.set(textId, text);
    this.journal?.textAdded(code, textId);
    await this.touch(code, false);
    return 'ok';
  }

  async getText(code: string, textId: string): Promise<string | null> {
    return this.live(code)?.texts.get(textId) ?? null;
  }

  async submitWeights(code: string, runId: string, weights: Uint8Array): Promise<SubmitWeightsResult> {
    const found = this.live(code)?.runs.get(runId);
    if (!found) return 'not-found';
    const status = found.verification?.status;
    if (status === 'done' || status === 'pending') return status;
    found.weights = weights.slice();
    found.verification = { status: 'pending' };
    this.journal?.weightsChanged(code, runId);
    await this.touch(code, false);
    this.jobs.push({ code, runId });
    return 'queued';
  }

  async getWeights(code: string, runId: string): Promise<Uint8Array | null> {
    return this.live(code)?.runs.get(runId)?.weights?.slice() ?? null;
  }

  async completeVerification(code: string, runId: string, result: Verification): Promise<boolean> {
    const found = this.live(code)?.runs.get(runId);
    if (found?.verification?.status !== 'pending') return false;
    found.verification = { ...result };
    found.weights = null;
    this.journal?.weightsChanged(code, runId);
    await this.touch(code, false);
    return true;
  }

  async verifications(code: string, runIds: readonly string[]): Promise<(Verification | null)[]> {
    const runs = this.live(code)?.runs;
    return runIds.map((id) => structuredClone(runs?.get(id)?.verification ?? null));
  }

  async roundChallenges(code: string): Promise<RoundChallenge[]> {
    const rounds = [...(this.live(code)?.roundChallenges ?? [])].sort(([a], [b]) => a - b);
    return structuredClone(rounds.map(([round, challenge]) => ({ round, challenge })));
  }

  async addReviewKey(code: string, key: ReviewKey): Promise<boolean> {
    const entry = this.live(code);
    entry?.reviewKeys.push({ ...key });
    await this.touch(code, false);
    return entry !== null;
  }

  async listReviewKeys(code: string): Promise<ReviewKey[]> {
    return (this.live(code)?.reviewKeys ?? []).map((key) => ({ ...key }));
  }

  async revokeReviewKeys(code: string): Promise<boolean> {
    const entry = this.live(code);
    if (entry) entry.reviewKeys = [];
    await this.touch(code, false);
    return entry !== null;
  }

  async deleteSession(code: string): Promise<boolean> {
    if (!this.live(code)) return false;
    this.sessions.delete(code);
    await this.journal?.remove(code);
    return true;
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await this.journal?.close();
  }

  private live(code: string): SessionState | null {
    const entry = this.sessions.get(code);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.sessions.delete(code);
      return null;
    }
    return entry;
  }

  /** Extends the session's lifetime, counts a visible change, and, with a data folder, writes it through. */
  private async touch(code: string, changed: boolean): Promise<void> {
    const entry = this.sessions.get(code);
    if (!entry) return;
    if (changed) entry.record.meta.revision += 1;
    entry.expiresAt = this.now() + this.ttlMs;
    await this.journal?.sessionChanged(code);
  }
}
