import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardDelta, BoardSnapshot } from '@/lib/protocol/board';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { startInProcessServer } from '../helpers/in-process-server';
import { ask, connectClient, expectOk, nextEvent, type TestSocket } from '../helpers/test-client';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };

describe('the class board', () => {
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  let redis: RedisClient;
  let host: TestSocket;
  let code: string;
  const students: { socket: TestSocket; joined: SessionJoinReply }[] = [];

  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
    // These tests load the board far more often than a class would.
    server = await startInProcessServer({
      store: new RedisStore(redis),
      limits: { boardLoadsPerSessionPerSecond: 100 },
    });
    host = await connectClient(server.url);
    ({ code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {}));
    for (const nickname of ['Ada', 'Bo', 'Cy']) {
      const socket = await connectClient(server.url);
      students.push({
        socket,
        joined: await expectOk<SessionJoinReply>(socket, ClientEvent.SessionJoin, { code, nickname }),
      });
    }
    await expectOk(host, ClientEvent.RoundStart, {});
    // Ada is best, then Cy, then Bo.
    const finals = [1.0, 3.0, 2.0];
    for (const [i, { socket }] of students.entries()) {
      const runId = `run-board-00000000${i}`;
      await expectOk(socket, ClientEvent.RunStart, {
        runId,
        config: { ...config, cell: (['rnn', 'lstm', 'gru'] as const)[i] },
      });
      for (let seq = 0; seq < 4; seq++) {
        await expectOk(socket, ClientEvent.RunMetrics, {
          runId,
          points: [{ seq, step: (seq + 1) * 10, elapsedMs: 1, trainLoss: 4, valLoss: 4 - seq * ((4 - finals[i]) / 3) }],
        });
      }
    }
  });
  afterAll(async () => {
    for (const s of [host, ...students.map((x) => x.socket)]) s.disconnect();
    await server.close();
    await redis.close();
  });

  it('gives the host every run with its validation curve', async () => {
    const board = await expectOk<BoardSnapshot>(host, ClientEvent.BoardGet, {});
    expect(board.round).toBe(1);
    expect(board.runs.map((r) => [r.nickname, r.cell, r.best?.valLoss])).toEqual([
      ['Ada', 'rnn', 1],
      ['Bo', 'lstm', 3],
      ['Cy', 'gru', 2],
    ]);
    expect(board.curves['run-board-000000000'].map(([step]) => step)).toEqual([10, 20, 30, 40]);
  });

  it('pushes coalesced deltas to hosts, not one message per metric', async () => {
    const { socket } = students[0];
    const deltas: BoardDelta[] = [];
    host.on(ServerEvent.BoardDelta, (d) => deltas.push(d));
    const last = nextEvent(host, ServerEvent.BoardDelta, (d) =>
      (d.curves['run-board-000000000'] ?? []).some(([step]) => step === 200),
    );
    const point = (seq: number) => ({ seq, step: (seq + 1) * 10, elapsedMs: 1, trainLoss: 1, valLoss: 0.9 });
    for (let seq = 4; seq < 20; seq += 2) {
      await expectOk(socket, ClientEvent.RunMetrics, {
        runId: 'run-board-000000000',
        points: [point(seq), point(seq + 1)],
      });
    }
    await last;
    host.off(ServerEvent.BoardDelta);
    expect(deltas.length).toBeLessThan(8);
    // A delta may still carry the points of the set-up; each point arrives once, in order.
    const steps = deltas.flatMap((d) => d.curves['run-board-000000000'] ?? []).map(([step]) => step);
    expect(steps.filter((step) => step > 40)).toEqual(Array.from({ length: 16 }, (_, i) => (i + 5) * 10));
    expect(new Set(steps).size).toBe(steps.length);
    // The last delta may carry a set-up run's summary beside Ada's: hers is found by id, not by place.
    const ada = deltas.at(-1)?.runs.find((r) => r.runId === 'run-board-000000000');
    expect(ada).toMatchObject({ nickname: 'Ada', lastStep: 200, best: { valLoss: 0.9 } });
  });

  it('leaves the curves out when asked for the runs only', async () => {
    // A snapshot may be up to a second old: wait until it shows the points of the test before.
    const getFull = () => expectOk<BoardSnapshot>(students[1].socket, ClientEvent.BoardGet, {});
    await expect.poll(async () => (await getFull()).runs[0].best?.valLoss, { interval: 300 }).toBe(0.9);
    const full = await getFull();
    expect(Object.keys(full.curves)).toHaveLength(3);
    const runsOnly = await expectOk<BoardSnapshot>(students[1].socket, ClientEvent.BoardGet, { curves: false });
    expect(runsOnly.runs.map((r) => r.best?.valLoss)).toEqual(full.runs.map((r) => r.best?.valLoss));
    expect(runsOnly.curves).toEqual({});
  });

  it('shows students what the host chose: full, anonymous, or top N and their neighbourhood', async () => {
    const bo = students[1];
    const full = await expectOk<BoardSnapshot>(bo.socket, ClientEvent.BoardGet, {});
    expect(full.runs.map((r) => r.nickname)).toEqual(['Ada', 'Bo', 'Cy']);

    await expectOk(host, ClientEvent.BoardVisibility, { visibility: 'anonymous' });
    const anonymous = await expectOk<BoardSnapshot>(bo.socket, ClientEvent.BoardGet, {});
    expect(anonymous.runs.map((r) => r.nickname)).toEqual([null, 'Bo', null]);
    // The roster's ids would give the names back: other students' runs carry an alias instead.
    const ids = students.map((s) => s.joined.participantId);
    expect(anonymous.runs.map((r) => ids.indexOf(r.participantId))).toEqual([-1, 1, -1]);

    await expectOk(host, ClientEvent.BoardVisibility, { visibility: 'top', topN: 1 });
    // Ranking: Ada (0.9), Cy (2), Bo (3). Bo sees the top 1 and the neighbourhood of their own run.
    const top = await expectOk<BoardSnapshot>(bo.socket, ClientEvent.BoardGet, {});
    expect(top.runs.map((r) => r.nickname).sort()).toEqual(['Ada', 'Bo', 'Cy']);
    const ada = await expectOk<BoardSnapshot>(students[0].socket, ClientEvent.BoardGet, {});
    expect(ada.runs.map((r) => r.nickname).sort()).toEqual(['Ada', 'Cy']);
    expect(Object.keys(ada.curves).sort()).toEqual(['run-board-000000000', 'run-board-000000002']);
  });

  it('lets the host rename an offensive nickname, everywhere', async () => {
    const renamed = nextEvent(students[1].socket, ServerEvent.SessionRoster, (r) =>
      r.upserted.some((p) => p.nickname === 'Student B'),
    );
    await expectOk(host, ClientEvent.HostRename, {
      participantId: students[1].joined.participantId,
      nickname: 'Student B',
    });
    await renamed;
    const board = await expectOk<BoardSnapshot>(host, ClientEvent.BoardGet, {});
    expect(board.runs.find((r) => r.runId === 'run-board-000000001')?.nickname).toBe('Student B');
    const clash = await ask(host, ClientEvent.HostRename, {
      participantId: students[1].joined.participantId,
      nickname: 'ada',
    });
    expect(clash).toMatchObject({ ok: false, error: { code: ErrorCode.NicknameTaken } });
    expect(
      await ask(students[0].socket, ClientEvent.HostRename, {
        participantId: students[0].joined.participantId,
        nickname: 'Boss',
      }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
  });

  it('ranks by best accuracy in a round whose challenge says so', async () => {
    await expectOk(host, ClientEvent.RoundEnd, {});
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...DEFAULT_CHALLENGE, rankingMetric: 'accuracy' } });
    await expectOk(host, ClientEvent.BoardVisibility, { visibility: 'top', topN: 1 });
    await expectOk(host, ClientEvent.RoundStart, {});
    // Lowest loss and highest accuracy disagree: Ada has the lowest loss, Cy the highest accuracy.
    const scores = [
      { valLoss: 1.0, accuracy: 0.5 },
      { valLoss: 3.0, accuracy: 0.6 },
      { valLoss: 2.0, accuracy: 0.9 },
    ];
    for (const [i, { socket }] of students.entries()) {
      const runId = `run-board-acc-0000${i}`;
      await expectOk(socket, ClientEvent.RunStart, { runId, config });
      await expectOk(socket, ClientEvent.RunMetrics, {
        runId,
        points: [{ seq: 0, step: 10, elapsedMs: 1, trainLoss: 4, ...scores[i] }],
      });
    }
    const board = await expectOk<BoardSnapshot>(host, ClientEvent.BoardGet, {});
    expect(board.rankingMetric).toBe('accuracy');
    expect(board.runs.map((r) => r.bestAccuracy?.accuracy)).toEqual([0.5, 0.6, 0.9]);
    // Top 1 is Cy now; Ada (last by accuracy) sees Cy and her own neighbourhood: Bo.
    const ada = await expectOk<BoardSnapshot>(students[0].socket, ClientEvent.BoardGet, {});
    expect(ada.runs.map((r) => r.runId).sort()).toEqual([
      'run-board-acc-00000',
      'run-board-acc-00001',
      'run-board-acc-00002',
    ]);
    const cy = await expectOk<BoardSnapshot>(students[2].socket, ClientEvent.BoardGet, {});
    expect(cy.runs.map((r) => r.runId).sort()).toEqual(['run-board-acc-00001', 'run-board-acc-00002']);
  });
});
