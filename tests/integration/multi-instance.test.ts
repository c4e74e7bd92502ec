import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { startServerProcess } from '../helpers/server-process';
import { connectClient, disconnected, expectOk, nextEvent, type TestSocket } from '../helpers/test-client';

/** Two real server processes over one Redis, as in a deployment behind a load balancer. */
describe('two server instances sharing one Redis', () => {
  let a: Awaited<ReturnType<typeof startServerProcess>>;
  let b: Awaited<ReturnType<typeof startServerProcess>>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: inject('redisUrl') };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('shows a student who joined on B to the host on A, and carries a kick from A to B', async () => {
    const host = await connectClient(a.url);
    const student = await connectClient(b.url);
    sockets.push(host, student);

    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const appeared = nextEvent(host, ServerEvent.SessionRoster, (r) => r.upserted.some((p) => p.nickname === 'Ada'));
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    const [roster] = await appeared;
    expect(roster.upserted.map((p) => p.id)).toEqual([joined.participantId]);

    const notice = nextEvent(student, ServerEvent.SessionKicked);
    const gone = disconnected(student);
    await expectOk(host, ClientEvent.HostKick, { participantId: joined.participantId });
    expect((await notice)[0].message).toContain('removed');
    expect(await gone).toBe('io server disconnect');
  });

  it('lets a host on B act on a session created on A', async () => {
    const first = await connectClient(a.url);
    const second = await connectClient(b.url);
    const watcher = await connectClient(a.url);
    sockets.push(first, second, watcher);
    const created = await expectOk<SessionCreateReply>(first, ClientEvent.SessionCreate, {});
    await expectOk(watcher, ClientEvent.SessionJoin, { code: created.code, nickname: 'Watcher' });

    await expectOk(second, ClientEvent.SessionResume, {
      role: 'host',
      code: created.code,
      hostToken: created.hostToken,
    });
    const lockedOnA = nextEvent(watcher, ServerEvent.SessionState, (s) => s.locked);
    await expectOk(second, ClientEvent.HostLock, { locked: true });
    expect((await lockedOnA)[0].locked).toBe(true);
  });

  it('tells the host on A who is connected, counting the sockets on B', async () => {
    const host = await connectClient(a.url);
    const student = await connectClient(b.url);
    sockets.push(host, student);
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const online = nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === 1);
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Bo' });
    expect((await online)[0].online).toEqual([joined.participantId]);
    const offline = nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === 0);
    student.disconnect();
    await offline;
  });

  // Last: it stops instance A.
  it('ends a timed round on time even when the instance that started it is gone', async () => {
    const host = await connectClient(a.url);
    const student = await connectClient(b.url);
    sockets.push(host, student);
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await expectOk(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...DEFAULT_CHALLENGE, timeLimitS: 2 } });
    const ended = nextEvent(student, ServerEvent.SessionState, (s) => s.round.status === 'ended');
    await expectOk(host, ClientEvent.RoundStart, {});
    await a.stop();
    const [view] = await ended;
    expect(view.round).toMatchObject({ index: 1, status: 'ended' });
    expect((view.round.endedAt as number) - (view.round.startedAt as number)).toBeGreaterThanOrEqual(2000);
  });
});
