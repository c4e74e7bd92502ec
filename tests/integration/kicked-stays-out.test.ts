import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { serverOver, STORE_BACKENDS } from '../helpers/store-backends';
import { ask, expectOk, nextEvent } from '../helpers/test-client';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 3 };

describe.each(STORE_BACKENDS)('a removed student over the %s store', (_, openStore) => {
  const server = serverOver(openStore);

  it('is refused after Socket.IO recovers the connection it had before the kick', async () => {
    const host = await server.client();
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await expectOk(host, ClientEvent.RoundStart, {});
    const student = await server.client();
    const online = (present: boolean) =>
      nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === (present ? 1 : 0));
    const joined = online(true);
    // Socket.IO recovers a connection only once it has received a broadcast: here, the roster with itself.
    const listed = nextEvent(student, ServerEvent.SessionRoster);
    const { participantId } = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, {
      code,
      nickname: 'Mallory',
    });
    await Promise.all([joined, listed]);
    const runId = 'run-mallory-0000001';
    await expectOk(student, ClientEvent.RunStart, { runId, config });

    // The transport drops (not a clean disconnect), so the server keeps the session for recovery.
    const gone = online(false);
    student.io.engine.close();
    await gone;
    await expectOk(host, ClientEvent.HostKick, { participantId });

    const notice = nextEvent(student, ServerEvent.SessionKicked);
    const back = new Promise<boolean>((resolve) => student.once('connect', () => resolve(student.recovered)));
    const expelled = new Promise<string>((resolve) =>
      student.once('connect', () => student.once('disconnect', (reason) => resolve(reason))),
    );
    student.connect();
    expect(await back).toBe(true);

    // Sent at once, before the server has put the recovered connection out: each one is refused.
    const point = { seq: 0, step: 10, elapsedMs: 5, trainLoss: 2, valLoss: 1 };
    const attempts = [
      ask(student, ClientEvent.RunMetrics, { runId, points: [point] }),
      ask(student, ClientEvent.RunStart, { runId: 'run-mallory-0000002', config }),
      ask(student, ClientEvent.RunFinish, { runId, outcome: 'completed' }),
      ask(student, ClientEvent.RunMine, {}),
      ask(student, ClientEvent.BoardGet, { curves: false }),
    ];
    for (const reply of await Promise.allSettled(attempts)) {
      // Refused with KICKED, or never answered because the server closed the connection first.
      if (reply.status === 'fulfilled')
        expect(reply.value).toMatchObject({ ok: false, error: { code: ErrorCode.Kicked } });
    }
    expect((await notice)[0].message).toContain('removed');
    expect(await expelled).toBe('io server disconnect');
    expect(await server.store().getPoints(code, runId)).toEqual([]);
    expect((await server.store().getRun(code, runId))?.status).toBe('running');
  });
});
