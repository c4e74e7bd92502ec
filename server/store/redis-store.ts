import type { SessionMeta, SessionRecord } from '../../lib/domain/session';
import type { BoardVisibility } from '../../lib/protocol/board';
import type { Challenge } from '../../lib/protocol/challenge';
import type { MetricPoint, RunStatus, RunView } from '../../lib/protocol/run';
import type { RoundState } from '../../lib/protocol/schemas';
import type { Verification } from '../../lib/protocol/verification';
import { ROUND_DEADLINES_KEY, SESSION_TTL_S, sessionKeys, VERIFY_JOBS_KEY } from './keys';
import {
  metaFields,
  metaFrom,
  nullable,
  participantFrom,
  pointFrom,
  reviewKeyFrom,
  roundChallengeFrom,
  roundFrom,
  runFixedFrom,
  runFrom,
  testSeedFrom,
  verificationFrom,
  type RunFixed,
} from './redis-codec';
import type { RedisClient } from './redis-connection';
import * as lua from './redis-scripts';
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

/** The shared store for several server instances. The client must already be connected. */
export class RedisStore implements Store {
  /** `ttlS`: seconds a session is kept after its last change. */
  constructor(
    private readonly client: RedisClient,
    private readonly ttlS = SESSION_TTL_S,
  ) {}

  async createSession(meta: SessionMeta): Promise<boolean> {
    const fields = Object.entries(metaFields(meta)).flat();
    return (await this.run(meta.code, lua.CREATE_SESSION, [sessionKeys(meta.code).meta], fields)) === 1;
  }

  async getSession(code: string): Promise<SessionRecord | null> {
    const keys = sessionKeys(code);
    // MULTI, so the reads see one consistent moment.
    const [meta, participants, kicked, renames] = await this.client
      .multi()
      .hGetAll(keys.meta)
      .hVals(keys.participants)
      .sMembers(keys.kicked)
      .hGetAll(keys.renames)
      .execTyped();
    if (!meta.code) return null;
    return {
      meta: metaFrom(meta),
      participants: participants.map((raw) => {
        const participant = participantFrom(raw, code);
        return {
          ...participant,
          nickname: renames[participant.id] ?? participant.nickname,
          kicked: kicked.includes(participant.id),
        };
      }),
    };
  }

  async getSessionMeta(code: string): Promise<SessionMeta | null> {
    const meta = await this.client.hGetAll(sessionKeys(code).meta);
    return meta.code ? metaFrom(meta) : null;
  }

  async addParticipant(
    code: string,
    { participant, nicknameKey, maxParticipants }: Admission,
  ): Promise<AddParticipantResult> {
    const keys = sessionKeys(code);
    const result = await this.run(
      code,
      lua.ADD_PARTICIPANT,
      [keys.meta, keys.participants, keys.nicknames, keys.kicked],
      [nicknameKey, participant.id, JSON.stringify(participant), String(maxParticipants)],
    );
    return result as AddParticipantResult;
  }

  async participantStanding(code: string, participantId: string): Promise<ParticipantStanding | null> {
    const keys = sessionKeys(code);
    const [exists, kicked] = await this.client
      .multi()
      .hExists(keys.participants, participantId)
      .sIsMember(keys.kicked, participantId)
      .execTyped();
    if (!exists) return null;
    return kicked ? 'kicked' : 'active';
  }

  async markKicked(code: string, participantId: string): Promise<boolean> {
    const keys = sessionKeys(code);
    return (await this.run(code, lua.MARK_KICKED, [keys.meta, keys.participants, keys.kicked], [participantId])) === 1;
  }

  async setLocked(code: string, locked: boolean): Promise<boolean> {
    const result = await this.run(
      code,
      lua.SET_META_FIELDS,
      [sessionKeys(code).meta],
      ['0', 'locked', locked ? '1' : '0'],
    );
    return result === 'ok';
  }

  async renameParticipant(
    code: string,
    { participantId, nickname, nicknameKey, previousKey }: Rename,
  ): Promise<RenameResult> {
    const keys = sessionKeys(code);
    const result = await this.run(
      code,
      lua.RENAME_PARTICIPANT,
      [keys.meta, keys.participants, keys.nicknames, keys.renames],
      [participantId, nickname, nicknameKey, previousKey],
    );
    return result as RenameResult;
  }

  async setBoardVisibility(code: string, visibility: BoardVisibility, topN: number): Promise<boolean> {
    const result = await this.run(
      code,
      lua.SET_META_FIELDS,
      [sessionKeys(code).meta],
      ['0', 'boardVisibility', visibility, 'boardTopN', String(topN)],
    );
    return result === 'ok';
  }

  async setChallenge(code: string, challenge: Challenge): Promise<'ok' | 'not-found' | 'conflict'> {
    const result = await this.run(
      code,
      lua.SET_META_FIELDS,
      [sessionKeys(code).meta],
      ['1', 'challenge', JSON.stringify(challenge)],
    );
    return result as 'ok' | 'not-found' | 'conflict';
  }

  async startRound(
    code: string,
    startedAt: number,
    endsAt: number | null,
    testSeed: number,
  ): Promise<RoundChangeResult> {
    const { meta, roundChallenges, testSeeds } = sessionKeys(code);
    const keys = [meta, roundChallenges, testSeeds, ROUND_DEADLINES_KEY];
    const args = [String(startedAt), nullable(endsAt), code, String(testSeed)];
    const result = await this.run(code, lua.START_ROUND, keys, args, 3);
    return result === 'ok' ? this.readRound(code) : (result as 'not-found' | 'conflict');
  }

  async roundTestSeed(code: string, round: number): Promise<number | null> {
    const stored = await this.client.hGet(sessionKeys(code).testSeeds, String(round));
    return stored === null ? null : testSeedFrom(stored, code);
  }

  async endRound(code: string, index: number, endedAt: number): Promise<RoundChangeResult> {
    const keys = [sessionKeys(code).meta, ROUND_DEADLINES_KEY];
    const result = await this.run(code, lua.END_ROUND, keys, [String(index), String(endedAt), code], 1);
    return result === 'ok' ? this.readRound(code) : (result as 'not-found' | 'conflict');
  }

  async dueRounds(now: number): Promise<{ code: string; index: number }[]> {
    const codes = await this.client.zRangeByScore(ROUND_DEADLINES_KEY, '-inf', now);
    const due: { code: string; index: number }[] = [];
    for (const code of codes) {
      const [index, status] = await this.client.hmGet(sessionKeys(code).meta, ['roundIndex', 'roundStatus']);
      if (status === 'running' && index) due.push({ code, index: Number(index) });
      else await this.client.zRem(ROUND_DEADLINES_KEY, code);
    }
    return due;
  }

  async createRun(code: string, run: RunView, maxRuns: number): Promise<CreateRunResult> {
    const keys = sessionKeys(code);
    const fixed: RunFixed = {
      id: run.id,
      participantId: run.participantId,
      round: run.round,
      config: run.config,
      startedAt: run.startedAt,
    };
    const result = await this.run(
      code,
      lua.CREATE_RUN,
      [keys.meta, keys.runs, keys.runState(run.id), keys.runCount(run.round)],
      [String(run.round), run.id, run.participantId, String(maxRuns), JSON.stringify(fixed)],
    );
    return result as CreateRunResult;
  }

  async getRun(code: string, runId: string): Promise<RunView | null> {
    const keys = sessionKeys(code);
    const [fixed, state] = await this.client.multi().hGet(keys.runs, runId).hGetAll(keys.runState(runId)).execTyped();
    return fixed ? runFrom(runFixedFrom(fixed, code), state, code) : null;
  }

  async appendPoints(code: string, runId: string, points: MetricPoint[], receivedAt: number): Promise<MetricPoint[]> {
    const keys = sessionKeys(code);
    const args = [runId, String(receivedAt)];
    for (const p of points) {
      args.push(
        String(p.seq),
        JSON.stringify(p),
        String(p.step),
        p.valLoss === undefined ? '' : String(p.valLoss),
        p.accuracy === undefined ? '' : String(p.accuracy),
      );
    }
    const keyList = [keys.meta, keys.runState(runId), keys.points(runId)];
    const positions = (await this.run(code, lua.APPEND_POINTS, keyList, args)) as number[];
    return positions.map((i) => points[i - 1]);
  }

  async finishRun(code: string, runId: string, status: Exclude<RunStatus, 'running'>): Promise<boolean> {
    const keys = sessionKeys(code);
    return (await this.run(code, lua.FINISH_RUN, [keys.meta, keys.runState(runId)], [status])) === 1;
  }

  async listRuns(code: string, round: number): Promise<RunView[]> {
    const keys = sessionKeys(code);
    const fixed = Object.values(await this.client.hGetAll(keys.runs))
      .map((raw) => runFixedFrom(raw, code))
      .filter((r) => r.round === round)
      .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    if (fixed.length === 0) return [];
    const multi = this.client.multi();
    for (const r of fixed) multi.hGetAll(keys.runState(r.id));
    const states = (await multi.exec()) as unknown as Record<string, string>[];
    return fixed.map((r, i) => runFrom(r, states[i], code));
  }

  async getPoints(code: string, runId: string): Promise<MetricPoint[]> {
    const raw = await this.client.hVals(sessionKeys(code).points(runId));
    return raw.map((p) => pointFrom(p, code)).sort((a, b) => a.seq - b.seq);
  }

  async putText(code: string, textId: string, text: string, maxTexts: number): Promise<'ok' | 'not-found' | 'full'> {
    const keys = sessionKeys(code);
    const result = await this.run(
      code,
      lua.PUT_TEXT,
      [keys.meta, keys.text(textId), keys.textIds],
      [text, textId, String(maxTexts)],
    );
    return result as 'ok' | 'not-found' | 'full';
  }

  async getText(code: string, textId: string): Promise<string | null> {
    return this.client.get(sessionKeys(code).text(textId));
  }

  async submitWeights(code: string, runId: string, weights: Uint8Array): Promise<SubmitWeightsResult> {
    const keys = sessionKeys(code);
    // Base64: the client's replies are strings, and a blob is at most a few megabytes.
    const args = [Buffer.from(weights).toString('base64'), code, runId, JSON.stringify({ status: 'pending' })];
    const keyList = [keys.meta, keys.runState(runId), keys.weights(runId), VERIFY_JOBS_KEY];
    return (await this.run(code, lua.SUBMIT_WEIGHTS, keyList, args, 3)) as SubmitWeightsResult;
  }

  async getWeights(code: string, runId: string): Promise<Uint8Array | null> {
    const stored = await this.client.get(sessionKeys(code).weights(runId));
    return stored === null ? null : new Uint8Array(Buffer.from(stored, 'base64'));
  }

  async completeVerification(code: string, runId: string, result: Verification): Promise<boolean> {
    const keys = sessionKeys(code);
    const keyList = [keys.meta, keys.runState(runId), keys.weights(runId)];
    return (await this.run(code, lua.COMPLETE_VERIFICATION, keyList, [JSON.stringify(result)])) === 1;
  }

  async verifications(code: string, runIds: readonly string[]): Promise<(Verification | null)[]> {
    if (runIds.length === 0) return [];
    const multi = this.client.multi();
    for (const id of runIds) multi.hGet(sessionKeys(code).runState(id), 'verified');
    const stored = (await multi.exec()) as unknown as (string | null)[];
    return stored.map((json) => (json === null ? null : verificationFrom(json, code)));
  }

  async roundChallenges(code: string): Promise<RoundChallenge[]> {
    const stored = await this.client.hGetAll(sessionKeys(code).roundChallenges);
    return Object.entries(stored)
      .map(([round, json]) => roundChallengeFrom(Number(round), json, code))
      .sort((a, b) => a.round - b.round);
  }

  async addReviewKey(code: string, key: ReviewKey): Promise<boolean> {
    const { meta, reviewKeys } = sessionKeys(code);
    return (await this.run(code, lua.ADD_REVIEW_KEY, [meta, reviewKeys], [key.hash, JSON.stringify(key)])) === 1;
  }

  async listReviewKeys(code: string): Promise<ReviewKey[]> {
    const stored = await this.client.hVals(sessionKeys(code).reviewKeys);
    return stored.map((json) => reviewKeyFrom(json, code)).sort((a, b) => a.createdAt - b.createdAt);
  }

  async revokeReviewKeys(code: string): Promise<boolean> {
    const { meta, reviewKeys } = sessionKeys(code);
    return (await this.run(code, lua.REVOKE_REVIEW_KEYS, [meta, reviewKeys], [])) === 1;
  }

  async deleteSession(code: string): Promise<boolean> {
    const k = sessionKeys(code);
    const keys = [
      ...[k.meta, k.participants, k.nicknames, k.kicked, k.renames, k.runs, k.textIds, k.roundChallenges],
      ...[k.testSeeds, k.reviewKeys, ROUND_DEADLINES_KEY],
    ];
    return (await this.run(code, lua.DELETE_SESSION, keys, [code], keys.length - 1)) === 1;
  }

  /** The connection belongs to whoever created it (it is shared with the Socket.IO adapter). */
  async close(): Promise<void> {}

  private async readRound(code: string): Promise<RoundState> {
    return roundFrom(await this.client.hGetAll(sessionKeys(code).meta));
  }

  /**
   * Runs a script over session `code` (see redis-scripts.ts for the calling convention): the first
   * `sessionKeyCount` keys (all by default) are the session's, and its key set is appended.
   */
  private run(code: string, script: string, keys: string[], args: string[], sessionKeyCount = keys.length) {
    return this.client.eval(script, {
      keys: [...keys, sessionKeys(code).keySet],
      arguments: [String(this.ttlS), String(sessionKeyCount), ...args],
    });
  }
}
