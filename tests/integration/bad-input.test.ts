import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import type { RunView } from '@/lib/protocol/run';
import type { SessionCreateReply, SessionJoinReply, SessionResumeReply } from '@/lib/protocol/schemas';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { startInProcessServer } from '../helpers/in-process-server';
import { ask, connectClient, disconnected, expectOk, fire, type TestSocket } from '../helpers/test-client';

const long = 'x'.repeat(10_000);
const token = 't'.repeat(43);
const RUN_ID = 'run-valid-000000001';
const challenge = DEFAULT_CHALLENGE;
const config = { ...challenge.defaults, seed: 1 };
const goodPoint = { seq: 0, step: 10, elapsedMs: 100, trainLoss: 2 };
/** Malformed in shape: every event must refuse these. */
const malformed: unknown[] = [undefined, null, 42, 'text', [], [{}], true];

/** Per event: payloads that are wrong in type, missing a field, oversized, carry extras, or name nothing. */
const badPayloads: Record<ClientEvent, unknown[]> = {
  [ClientEvent.SessionCreate]: [...malformed.filter((p) => p !== undefined), { extra: 1 }],
  [ClientEvent.SessionJoin]: [
    ...malformed,
    {},
    { code: 'K7PQ2M' },
    { nickname: 'Ada' },
    { code: 123456, nickname: 'Ada' },
    { code: 'K7PQ2M', nickname: ['Ada'] },
    { code: long, nickname: 'Ada' },
    { code: 'K7PQ2M', nickname: long },
    { code: 'K7PQ2M', nickname: 'Ada', role: 'host' },
    { code: 'ZZZZZZ', nickname: 'Ada' },
  ],
  [ClientEvent.SessionResume]: [
    ...malformed,
    {},
    { role: 'host', code: 'K7PQ2M' },
    { role: 'host', code: 'K7PQ2M', hostToken: 42 },
    { role: 'host', code: 'K7PQ2M', hostToken: long },
    { role: 'student', code: 'K7PQ2M', participantId: long, token },
    { role: 'root', code: 'K7PQ2M', hostToken: token },
    { role: 'host', code: 'ZZZZZZ', hostToken: token },
  ],
  [ClientEvent.HostKick]: [
    ...malformed,
    {},
    { participantId: 7 },
    { participantId: long },
    { participantId: 'nobody' },
  ],
  [ClientEvent.HostLock]: [...malformed, {}, { locked: 'yes' }, { locked: 1 }, { locked: true, code: 'ZZZZZZ' }],
  [ClientEvent.ChallengeSet]: [
    ...malformed,
    {},
    { challenge: {} },
    { challenge: { ...challenge, budgetSteps: -1 } },
    { challenge: { ...challenge, title: long } },
    { challenge: { ...challenge, allowedCells: [] } },
    { challenge: { ...challenge, allowedCells: ['transformer'] } },
    { challenge: { ...challenge, bounds: { ...challenge.bounds, hiddenSize: { min: 100, max: 10 } } } },
    { challenge: { ...challenge, defaults: { ...challenge.defaults, hiddenSize: 300 } } },
    { challenge: { ...challenge, task: { id: 'no-such-task' } } },
    { challenge: { ...challenge, task: { id: 'adding', params: { bogus: 1 } } } },
    { challenge: { ...challenge, task: { id: 'adding', params: { delay: 'long' } } } },
    { challenge: { ...challenge, extra: true } },
  ],
  [ClientEvent.RoundStart]: [...malformed.filter((p) => p !== undefined), { index: 3 }, {}],
  [ClientEvent.RoundEnd]: [...malformed.filter((p) => p !== undefined), { index: 3 }],
  [ClientEvent.RunStart]: [
    ...malformed,
    {},
    { runId: 'short', config },
    { runId: RUN_ID.replace('1', '2') },
    { runId: 'run-valid-000000002', config: { ...config, cell: 'transformer' } },
    { runId: 'run-valid-000000002', config: { ...config, hiddenSize: 300 } },
    { runId: 'run-valid-000000002', config: { ...config, learningRate: null } },
    { runId: 'run-valid-000000002', config: { ...config, layers: 1.5 } },
    { runId: 'run-valid-000000002', config: { ...config, gpu: true } },
  ],
  [ClientEvent.RunMetrics]: [
    ...malformed,
    { runId: RUN_ID, points: [] },
    { runId: RUN_ID, points: Array.from({ length: 101 }, (_, seq) => ({ ...goodPoint, seq })) },
    { runId: RUN_ID, points: [{ ...goodPoint, trainLoss: -1 }] },
    { runId: RUN_ID, points: [{ ...goodPoint, trainLoss: null }] },
    { runId: RUN_ID, points: [{ ...goodPoint, valLoss: 1e9 }] },
    { runId: RUN_ID, points: [{ ...goodPoint, accuracy: 2 }] },
    { runId: RUN_ID, points: [{ ...goodPoint, seq: -1 }] },
    { runId: RUN_ID, points: [{ ...goodPoint, step: challenge.budgetSteps + 1 }] },
    { runId: RUN_ID, points: [goodPoint, goodPoint] },
    { runId: 'run-not-mine-00000001', points: [goodPoint] },
  ],
  [ClientEvent.RunFinish]: [
    ...malformed,
    { runId: RUN_ID, outcome: 'exploded' },
    { runId: 'run-not-mine-00000001', outcome: 'completed' },
  ],
  [ClientEvent.RunMine]: [...malformed.filter((p) => p !== undefined), { round: 1 }, { extra: true }],
  [ClientEvent.BoardGet]: [
    ...malformed.filter((p) => p !== undefined),
    { round: -1 },
    { round: 'latest' },
    { round: 1.5 },
    { extra: 1 },
  ],
  [ClientEvent.BoardVisibility]: [
    ...malformed,
    {},
    { visibility: 'secret' },
    { visibility: 'top', topN: 0 },
    { visibility: 'top', topN: 1000 },
  ],
  [ClientEvent.HostRename]: [
    ...malformed,
    {},
    { participantId: 'nobody', nickname: 'Bo' },
    { participantId: 'x', nickname: long },
    { participantId: 'x', nickname: '' },
    { participantId: 'x', nickname: 'A\u200B' },
  ],
  [ClientEvent.ReviewLink]: [...malformed, {}, { anonymous: 'yes' }, { anonymous: true, extra: 1 }],
  [ClientEvent.ReviewRevoke]: [...malformed.filter((p) => p !== undefined), { extra: 1 }],
  [ClientEvent.SessionDelete]: [...malformed.filter((p) => p !== undefined), { code: 'ZZZZZZ' }],
};

const refusals = new Set<string>([
  ErrorCode.BadRequest,
  ErrorCode.SessionNotFound,
  ErrorCode.Forbidden,
  ErrorCode.ParticipantNotFound,
  ErrorCode.RoundRunning,
  ErrorCode.RunNotFound,
]);

describe('bad input on every event', () => {
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  let redis: RedisClient;
  let host: TestSocket;
  let created: SessionCreateReply;
  let student: SessionJoinReply;

  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
    // Every payload comes from one student on a fresh connection: their shared rate must not answer first.
    server = await startInProcessServer({
      store: new RedisStore(redis),
      limits: { requestsPerParticipantPerSecond: 1000 },
    });
    host = await connectClient(server.url);
    created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const studentSocket = await connectClient(server.url);
    student = await expectOk<SessionJoinReply>(studentSocket, ClientEvent.SessionJoin, {
      code: created.code,
      nickname: 'Ada',
    });
    await expectOk(host, ClientEvent.RoundStart, {});
    await expectOk(studentSocket, ClientEvent.RunStart, { runId: RUN_ID, config });
    studentSocket.disconnect();
  });
  afterAll(async () => {
    host.disconnect();
    await server.close();
    await redis.close();
  });

  /**
   * A fresh connection per payload (so the rate limit never answers first), in the role the event needs,
   * so that bad payloads get past the role check and meet the validation behind it.
   */
  async function senderFor(event: string): Promise<TestSocket> {
    const socket = await connectClient(server.url);
    if (/^(host|challenge|round|board):/.test(event)) {
      await expectOk(socket, ClientEvent.SessionResume, {
        role: 'host',
        code: created.code,
        hostToken: created.hostToken,
      });
    } else if (event.startsWith('run:')) {
      await expectOk(socket, ClientEvent.SessionResume, {
        role: 'student',
        code: created.code,
        participantId: student.participantId,
        token: student.token,
      });
    }
    return socket;
  }

  it.each(Object.entries(badPayloads))('%s refuses every bad payload with an error ack', async (event, payloads) => {
    for (const payload of payloads) {
      const socket = await senderFor(event);
      const ack = await ask(socket, event as ClientEvent, payload);
      expect(ack.ok, `${event} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!ack.ok) {
        expect(refusals, `${event} ${JSON.stringify(payload)} -> ${ack.error.code}`).toContain(ack.error.code);
        expect(ack.error.message.length).toBeGreaterThan(0);
      }
      socket.disconnect();
    }
  });

  it('rate-limits a flood from one connection, and keeps serving others', async () => {
    const flooder = await connectClient(server.url);
    const acks = await Promise.all(Array.from({ length: 40 }, () => ask(flooder, ClientEvent.SessionJoin, {})));
    expect(acks.filter((a) => !a.ok && a.error.code === ErrorCode.RateLimited).length).toBeGreaterThanOrEqual(15);
    flooder.disconnect();
    expect((await ask(host, ClientEvent.HostLock, { locked: false })).ok).toBe(true);
  });

  it('survives a message over the size limit and requests without an ack', async () => {
    const rude = await connectClient(server.url);
    fire(rude, ClientEvent.SessionJoin, { code: created.code, nickname: 'Eve' });
    const dropped = disconnected(rude);
    fire(rude, ClientEvent.SessionJoin, { code: created.code, nickname: 'x'.repeat(200_000) });
    expect(await dropped).toBe('transport close');
  });

  it.each(Object.values(ClientEvent))('%s: a binary attachment closes the connection, unanswered', async (event) => {
    const socket = await senderFor(event);
    const answered = vi.fn();
    const dropped = disconnected(socket);
    const attachments = Array.from({ length: 10 }, () => Buffer.alloc(60_000, 1));
    (socket.emit as (ev: string, ...args: unknown[]) => void)(event, { blobs: attachments }, answered);
    expect(await dropped).toBe('transport close');
    expect(answered).not.toHaveBeenCalled();
  });

  it('answers a payload full of faults with a small error', async () => {
    const socket = await senderFor(ClientEvent.RunMetrics);
    const bad = { seq: -1, step: -1, elapsedMs: -1, trainLoss: -1, valLoss: -1, accuracy: 9, ['k'.repeat(500)]: 1 };
    const ack = await ask(socket, ClientEvent.RunMetrics, { runId: RUN_ID, points: Array(100).fill(bad) });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(ack.ok || ack.error.issues?.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(ack).length).toBeLessThan(4_000);
    socket.disconnect();
  });

  it('leaves the session exactly as it was', async () => {
    const probe = await connectClient(server.url);
    const view = await expectOk<SessionResumeReply>(probe, ClientEvent.SessionResume, {
      role: 'student',
      code: created.code,
      participantId: student.participantId,
      token: student.token,
    });
    expect(view.session.participants.map((p) => p.nickname)).toEqual(['Ada']);
    expect(view.session.locked).toBe(false);
    expect(view.session.challenge).toEqual(DEFAULT_CHALLENGE);
    expect(view.session.round).toMatchObject({ index: 1, status: 'running' });
    // One join and one round start, plus the explicit unlock in the flood test.
    expect(view.session.revision).toBe(3);
    const finished = await expectOk<{ run: RunView }>(probe, ClientEvent.RunFinish, {
      runId: RUN_ID,
      outcome: 'stopped',
    });
    expect(finished.run).toMatchObject({ lastStep: 0, best: null });
    probe.disconnect();
  });
});
