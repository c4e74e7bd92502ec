import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardSnapshot } from '@/lib/protocol/board';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import { exportPath } from '@/lib/protocol/http-paths';
import type { ReviewLinkReply, SessionExport } from '@/lib/protocol/review';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { ask, connectClient, expectOk, nextEvent, type TestSocket } from '../helpers/test-client';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };
const NICKNAMES = ['Ada', 'Grace, "G"'];

/** The server process over either store; `dataDir` keeps the embedded store's files across a restart. */
const BACKENDS: [string, () => Record<string, string>][] = [
  ['embedded store', () => ({ REDIS_URL: '' })],
  ['Redis', () => ({ REDIS_URL: inject('redisUrl') })],
];

describe.each(BACKENDS)('after class, on the %s', (_name, backendEnv) => {
  let dataDir: string;
  let server: ServerProcess;
  let host: TestSocket;
  let created: SessionCreateReply;
  const students: { socket: TestSocket; joined: SessionJoinReply }[] = [];
  const start = async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, ...backendEnv() });
  };
  const download = (format: 'csv' | 'json', key: string | null, code = created.code) =>
    fetch(`${server.url}${exportPath(code, format)}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  const csvRows = async (key: string) => {
    const response = await download('csv', key);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return (await response.text()).split('\r\n').slice(0, -1);
  };
  const json = async (key: string) => {
    const response = await download('json', key);
    expect(response.status).toBe(200);
    return (await response.json()) as SessionExport;
  };
  const newReviewKey = async (anonymous: boolean) =>
    (await expectOk<ReviewLinkReply>(host, ClientEvent.ReviewLink, { anonymous })).reviewKey;

  /** Two students, one run each in round 1 and a run by the first in round 2 under another challenge. */
  async function playTwoRounds(): Promise<void> {
    for (const nickname of NICKNAMES) {
      const socket = await connectClient(server.url);
      students.push({
        socket,
        joined: await expectOk(socket, ClientEvent.SessionJoin, { code: created.code, nickname }),
      });
    }
    const playRun = async (socket: TestSocket, runId: string, losses: number[]) => {
      await expectOk(socket, ClientEvent.RunStart, { runId, config });
      const points = losses.map((valLoss, seq) => ({
        seq,
        step: (seq + 1) * 10,
        elapsedMs: seq,
        trainLoss: 3,
        valLoss,
      }));
      await expectOk(socket, ClientEvent.RunMetrics, {
        runId,
        points: [...points, { seq: losses.length, step: 99, elapsedMs: 9, trainLoss: 2 }],
      });
      await expectOk(socket, ClientEvent.RunFinish, { runId, outcome: 'completed' });
    };
    await expectOk(host, ClientEvent.RoundStart, {});
    await playRun(students[0].socket, 'run-ada-round-one-01', [2.5, 1.75, 2]);
    await playRun(students[1].socket, 'run-grace-round-one1', [3, 2.25]);
    const round = await expectOk<{ round: { index: number } }>(host, ClientEvent.RoundEnd, {});
    expect(round.round.index).toBe(1);
    await expectOk(host, ClientEvent.ChallengeSet, {
      challenge: { ...DEFAULT_CHALLENGE, title: 'Round two', rankingMetric: 'accuracy' },
    });
    await expectOk(host, ClientEvent.RoundStart, {});
    await playRun(students[0].socket, 'run-ada-round-two-01', [1.5]);
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-after-class-'));
    await start();
    host = await connectClient(server.url);
    created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await playTwoRounds();
  });
  afterAll(async () => {
    for (const s of [host, ...students.map((x) => x.socket)]) s.disconnect();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exports a row per run with the host key, best scores as the board shows them', async () => {
    const rows = await csvRows(created.hostToken);
    const header = rows[0].split(',');
    expect(header.slice(0, 3)).toEqual(['round', 'run_id', 'nickname']);
    expect(rows).toHaveLength(1 + 3);
    expect(rows[2]).toContain(',"Grace, ""G""",');
    const column = (row: string, name: string) =>
      row.replace('"Grace, ""G"""', 'Grace').split(',')[header.indexOf(name)];
    for (const round of [1, 2]) {
      const board = await expectOk<BoardSnapshot>(host, ClientEvent.BoardGet, { round, curves: false });
      // Each round's board is shown with the challenge it was played with, not the current one.
      expect([board.challenge.title, board.rankingMetric]).toEqual(
        round === 1 ? [DEFAULT_CHALLENGE.title, 'valLoss'] : ['Round two', 'accuracy'],
      );
      for (const run of board.runs) {
        const row = rows.find((r) => column(r, 'run_id') === run.runId)!;
        expect(column(row, 'round')).toBe(String(round));
        expect(Number(column(row, 'best_val_loss'))).toBe(run.best?.valLoss);
        expect(Number(column(row, 'best_val_step'))).toBe(run.best?.step);
      }
    }
    const first = rows.find((r) => r.includes('run-ada-round-one-01'))!;
    expect([column(first, 'steps'), column(first, 'final_val_loss'), column(first, 'best_accuracy')]).toEqual([
      '99',
      '2',
      '',
    ]);

    const data = await json(created.hostToken);
    expect(data.rounds.map((r) => [r.round, r.challenge.title])).toEqual([
      [1, DEFAULT_CHALLENGE.title],
      [2, 'Round two'],
    ]);
    expect(data.participants.map((p) => [p.nickname, p.removed])).toEqual([
      ['Ada', false],
      ['Grace, "G"', false],
    ]);
    expect(data.runs.map((r) => r.points.length)).toEqual([4, 3, 2]);
    expect(JSON.stringify(data)).not.toContain('tokenHash');
  });

  it('exports with a review key, anonymised when asked, and refuses students, strangers and no key', async () => {
    const named = await newReviewKey(false);
    expect((await json(named)).participants.map((p) => p.nickname)).toEqual(NICKNAMES);
    const anonymous = await newReviewKey(true);
    const hidden = await json(anonymous);
    expect(hidden.participants.map((p) => p.nickname)).toEqual(['Student 1', 'Student 2']);
    expect(hidden.runs.map((r) => r.nickname)).toEqual(['Student 1', 'Student 2', 'Student 1']);
    expect((await csvRows(anonymous)).join('\n')).not.toMatch(/Ada|Grace/);

    const refused = async (key: string | null, status: number) => {
      const response = await download('csv', key);
      expect(response.status).toBe(status);
      return ((await response.json()) as { error: { code: string } }).error.code;
    };
    expect(await refused(students[0].joined.token, 403)).toBe(ErrorCode.Forbidden);
    expect(await refused('x'.repeat(43), 403)).toBe(ErrorCode.Forbidden);
    expect(await refused(null, 401)).toBe(ErrorCode.Forbidden);
    expect((await download('json', created.hostToken, 'ZZZZZZ')).status).toBe(404);
  });

  it('keeps review keys across a restart, and stops them all on revoke', async () => {
    const reviewKey = await newReviewKey(true);
    host.disconnect();
    for (const s of students) s.socket.disconnect();
    await server.stop();
    await start();
    host = await connectClient(server.url);
    await expectOk(host, ClientEvent.SessionResume, { role: 'host', code: created.code, hostToken: created.hostToken });
    expect(await csvRows(reviewKey)).toHaveLength(4);

    await expectOk(host, ClientEvent.ReviewRevoke, {});
    expect((await download('csv', reviewKey)).status).toBe(403);
    expect(await csvRows(created.hostToken)).toHaveLength(4);
  });

  it('deletes the session for good: members are told and disconnected, the links answer 404', async () => {
    const student = await connectClient(server.url);
    const { participantId, token } = students[0].joined;
    await expectOk(student, ClientEvent.SessionResume, { role: 'student', code: created.code, participantId, token });
    const told = nextEvent(student, ServerEvent.SessionDeleted);
    const gone = new Promise((resolve) => student.once('disconnect', resolve));
    const reviewKey = await newReviewKey(false);
    await expectOk(host, ClientEvent.SessionDelete, {});
    await told;
    await gone;
    for (const key of [created.hostToken, reviewKey]) expect((await download('json', key)).status).toBe(404);
    const resume = await ask(host, ClientEvent.SessionResume, {
      role: 'host',
      code: created.code,
      hostToken: created.hostToken,
    });
    expect(resume.ok ? null : resume.error.code).toBe(ErrorCode.SessionNotFound);

    // Nothing comes back after a restart either.
    await server.stop();
    await start();
    expect((await download('csv', created.hostToken)).status).toBe(404);
  });
});

describe('export rate limit', () => {
  let server: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-export-limit-'));
    server = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: '', EXPORTS_PER_KEY_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 429 past the limit of one key, without touching the budget of another key', async () => {
    const host = await connectClient(server.url);
    const { code, hostToken } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const reviewKey = (await expectOk<ReviewLinkReply>(host, ClientEvent.ReviewLink, { anonymous: false })).reviewKey;
    const exportWith = (key: string) =>
      fetch(`${server.url}${exportPath(code, 'json')}`, { headers: { authorization: `Bearer ${key}` } });
    // Strangers guessing keys spend only their own budgets.
    for (let i = 0; i < 3; i++) expect((await exportWith(`wrong-key-${i}-${'x'.repeat(30)}`)).status).toBe(403);

    expect((await exportWith(hostToken)).status).toBe(200);
    expect((await exportWith(hostToken)).status).toBe(200);
    const refused = await exportWith(hostToken);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.RateLimited);
    expect((await exportWith(reviewKey)).status).toBe(200);
    host.disconnect();
  });
});
