import { describe, expect, it } from 'vitest';
import { MetricsOutbox } from '@/app/_realtime/metrics-outbox';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { MetricPoint, RunMineReply, RunView } from '@/lib/protocol/run';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { serverOver, STORE_BACKENDS } from '../helpers/store-backends';
import { ask, disconnected, expectOk, nextEvent, type TestSocket } from '../helpers/test-client';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 3 };

describe.each(STORE_BACKENDS)('rounds, runs and metrics over the %s store', (_, openStore) => {
  const server = serverOver(openStore);
  const client = server.client;

  async function classWithStudent() {
    const host = await client();
    const created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const student = await client();
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, {
      code: created.code,
      nickname: 'Ada',
    });
    return { host, student, created, joined, code: created.code };
  }

  it('sets the challenge between rounds only, and tells every member', async () => {
    const { host, student } = await classWithStudent();
    const seen = nextEvent(student, ServerEvent.SessionState, (s) => s.challenge.title === 'Gates on');
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...DEFAULT_CHALLENGE, title: 'Gates on' } });
    await seen;
    await expectOk(host, ClientEvent.RoundStart, {});
    expect(await ask(host, ClientEvent.ChallengeSet, { challenge: DEFAULT_CHALLENGE })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.RoundRunning },
    });
    expect(await ask(student, ClientEvent.RoundEnd, {})).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
  });

  it('ends a timed round by itself, and tells every member', async () => {
    const { host, student } = await classWithStudent();
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...DEFAULT_CHALLENGE, timeLimitS: 1 } });
    const ended = nextEvent(student, ServerEvent.SessionState, (s) => s.round.status === 'ended');
    const { round } = await expectOk<{ round: { endsAt: number; startedAt: number } }>(
      host,
      ClientEvent.RoundStart,
      {},
    );
    expect(round.endsAt - round.startedAt).toBe(1000);
    const [view] = await ended;
    expect(view.round.endedAt).toBeGreaterThanOrEqual(round.endsAt);
  });

  it('accepts runs within the challenge only, up to the per-student limit', async () => {
    const { host, student } = await classWithStudent();
    const early = await ask(student, ClientEvent.RunStart, { runId: 'run-too-early-000001', config });
    expect(early).toMatchObject({ ok: false, error: { code: ErrorCode.RoundNotRunning } });

    await expectOk(host, ClientEvent.ChallengeSet, {
      challenge: { ...DEFAULT_CHALLENGE, runsPerStudent: 2, allowedCells: ['lstm', 'gru'] },
    });
    await expectOk(host, ClientEvent.RoundStart, {});
    const rnn = await ask(student, ClientEvent.RunStart, {
      runId: 'run-rnn-00000000001',
      config: { ...config, cell: 'rnn' },
    });
    expect(rnn).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest, issues: [{ path: 'config.cell' }] } });
    const huge = await ask(student, ClientEvent.RunStart, {
      runId: 'run-huge-0000000001',
      config: { ...config, hiddenSize: 256, layers: 2 },
    });
    expect(huge).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest, issues: [{ path: 'config.parameters' }] },
    });

    const first = await expectOk<{ run: RunView }>(student, ClientEvent.RunStart, {
      runId: 'run-first-000000001',
      config,
    });
    expect(first.run).toMatchObject({ round: 1, status: 'running', lastStep: 0, best: null });
    // A retried start (lost ack) gets the same run back, and does not count twice.
    expect(
      (await expectOk<{ run: RunView }>(student, ClientEvent.RunStart, { runId: 'run-first-000000001', config })).run
        .id,
    ).toBe('run-first-000000001');
    await expectOk(student, ClientEvent.RunStart, { runId: 'run-second-00000001', config });
    const third = await ask(student, ClientEvent.RunStart, { runId: 'run-third-000000001', config });
    expect(third).toMatchObject({ ok: false, error: { code: ErrorCode.RunLimit } });
  });

  it('stores every metric point exactly once across a dropped connection', async () => {
    const { host, code, joined } = await classWithStudent();
    await expectOk(host, ClientEvent.RoundStart, {});
    let socket = await client();
    const resume = (s: TestSocket) =>
      expectOk(s, ClientEvent.SessionResume, {
        role: 'student',
        code,
        participantId: joined.participantId,
        token: joined.token,
      });
    await resume(socket);
    const runId = 'run-metrics-0000001';
    await expectOk(socket, ClientEvent.RunStart, { runId, config });

    const outbox = new MetricsOutbox(runId, async (id, points) => {
      const ack = await ask(socket, ClientEvent.RunMetrics, { runId: id, points });
      if (!ack.ok) throw new Error(ack.error.message);
    });
    const report = (step: number) =>
      outbox.add({
        step,
        elapsedMs: step * 5,
        trainLoss: 4 - step / 100,
        ...(step % 50 === 0 ? { valLoss: 4 - step / 120 } : {}),
      });

    for (let step = 10; step <= 100; step += 10) report(step);
    expect(await outbox.flush()).toBe(true);

    // The connection drops; training goes on and the outbox keeps what cannot be sent.
    const dropped = disconnected(socket);
    socket.disconnect();
    await dropped;
    for (let step = 110; step <= 300; step += 10) report(step);
    expect(await outbox.flush()).toBe(false);
    expect(outbox.backlog).toBe(20);

    socket = await client();
    await resume(socket);
    expect(await outbox.flush()).toBe(true);

    const stored = await server.store().getPoints(code, runId);
    expect(stored.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 10));
    expect(stored.map((p) => p.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const run = await server.store().getRun(code, runId);
    expect(run).toMatchObject({ lastStep: 300, best: { valLoss: 4 - 300 / 120, step: 300 } });

    // Resending an acknowledged batch (an ack lost on the way back) changes nothing.
    const again = await expectOk<{ stored: number }>(socket, ClientEvent.RunMetrics, {
      runId,
      points: stored.slice(0, 5) as MetricPoint[],
    });
    expect(again.stored).toBe(0);
    expect(await server.store().getPoints(code, runId)).toHaveLength(30);

    // A reloaded page gets its runs back, every point included.
    const mine = await expectOk<RunMineReply>(socket, ClientEvent.RunMine, {});
    expect(mine.runs.map((r) => r.id)).toEqual([runId]);
    expect(mine.points[runId]).toHaveLength(30);
  });

  it('refuses metrics for another participant’s run', async () => {
    const { host, student, code } = await classWithStudent();
    await expectOk(host, ClientEvent.RoundStart, {});
    await expectOk(student, ClientEvent.RunStart, { runId: 'run-adas-0000000001', config });
    const eve = await client();
    await expectOk(eve, ClientEvent.SessionJoin, { code, nickname: 'Eve' });
    const forged = await ask(eve, ClientEvent.RunMetrics, {
      runId: 'run-adas-0000000001',
      points: [{ seq: 0, step: 1, elapsedMs: 1, trainLoss: 0.01 }],
    });
    expect(forged).toMatchObject({ ok: false, error: { code: ErrorCode.RunNotFound } });
    expect(await server.store().getPoints(code, 'run-adas-0000000001')).toEqual([]);
  });
});
