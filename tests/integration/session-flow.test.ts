import { describe, expect, it } from 'vitest';
import { ErrorCode, HandshakeError } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply, SessionResumeReply } from '@/lib/protocol/schemas';
import { serverOver, STORE_BACKENDS } from '../helpers/store-backends';
import { ask, connectClient, disconnected, expectOk, nextEvent } from '../helpers/test-client';

describe.each(STORE_BACKENDS)('session flow over the %s store', (_, openStore) => {
  const { client, url } = serverOver(openStore);

  async function hostedSession() {
    const host = await client();
    const created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    return { host, created, code: created.code };
  }

  it('shows a joining student on the host screen', async () => {
    const { host, code, created } = await hostedSession();
    expect(created.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(created.hostToken.length).toBeGreaterThanOrEqual(43);

    const seen = nextEvent(host, ServerEvent.SessionRoster, (r) => r.count === 1);
    const student = await client();
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, {
      code: code.toLowerCase(),
      nickname: '  Ada  ',
    });
    const [roster] = await seen;
    expect(roster).toEqual({
      upserted: [{ id: joined.participantId, nickname: 'Ada', joinedAt: expect.any(Number) }],
      removed: [],
      count: 1,
    });
    expect(JSON.stringify(roster)).not.toContain(joined.token);
  });

  it('tells the host who is connected: after a join, a disconnect and a return', async () => {
    const { host, code } = await hostedSession();
    const student = await client();
    const joinedSeen = nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === 1);
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    expect((await joinedSeen)[0].online).toEqual([joined.participantId]);

    const leftSeen = nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === 0);
    student.disconnect();
    await leftSeen;

    const backSeen = nextEvent(host, ServerEvent.SessionPresence, (p) => p.online.length === 1);
    const again = await client();
    await expectOk(again, ClientEvent.SessionResume, {
      role: 'student',
      code,
      participantId: joined.participantId,
      token: joined.token,
    });
    expect((await backSeen)[0].online).toEqual([joined.participantId]);
  });

  it('refuses a taken nickname (any case), a wrong code and a locked session with clear errors', async () => {
    const { host, code } = await hostedSession();
    await expectOk(await client(), ClientEvent.SessionJoin, { code, nickname: 'Ada' });

    const taken = await ask(await client(), ClientEvent.SessionJoin, { code, nickname: 'ADA' });
    expect(taken).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NicknameTaken, message: expect.stringContaining('ADA') },
    });

    const wrong = await ask(await client(), ClientEvent.SessionJoin, {
      code: code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ',
      nickname: 'Bo',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: ErrorCode.SessionNotFound } });

    await expectOk(host, ClientEvent.HostLock, { locked: true });
    const locked = await ask(await client(), ClientEvent.SessionJoin, { code, nickname: 'Bo' });
    expect(locked).toMatchObject({ ok: false, error: { code: ErrorCode.SessionLocked } });

    await expectOk(host, ClientEvent.HostLock, { locked: false });
    await expectOk(await client(), ClientEvent.SessionJoin, { code, nickname: 'Bo' });
  });

  it('keeps identity across a reconnect, for students and hosts', async () => {
    const { code, created } = await hostedSession();
    const first = await client();
    const joined = await expectOk<SessionJoinReply>(first, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    first.disconnect();

    const again = await client();
    const resumed = await expectOk<SessionResumeReply>(again, ClientEvent.SessionResume, {
      role: 'student',
      code,
      participantId: joined.participantId,
      token: joined.token,
    });
    expect(resumed).toMatchObject({ role: 'student', participantId: joined.participantId });
    expect(resumed.session.participants).toHaveLength(1);

    const host = await client();
    const asHost = await expectOk<SessionResumeReply>(host, ClientEvent.SessionResume, {
      role: 'host',
      code,
      hostToken: created.hostToken,
    });
    expect(asHost.role).toBe('host');
  });

  it('lets nobody act as host or as a participant without their token', async () => {
    const { code } = await hostedSession();
    const student = await client();
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });

    const forgedHost = await ask(await client(), ClientEvent.SessionResume, {
      role: 'host',
      code,
      hostToken: joined.token,
    });
    expect(forgedHost).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const forgedStudent = await ask(await client(), ClientEvent.SessionResume, {
      role: 'student',
      code,
      participantId: joined.participantId,
      token: 'x'.repeat(43),
    });
    expect(forgedStudent).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });

    expect(await ask(student, ClientEvent.HostKick, { participantId: joined.participantId })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect(await ask(student, ClientEvent.HostLock, { locked: true })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
  });

  it('removes a kicked student: notice, disconnect, and a revoked credential', async () => {
    const { host, code } = await hostedSession();
    const student = await client();
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });

    const notice = nextEvent(student, ServerEvent.SessionKicked);
    const gone = disconnected(student);
    const hostSees = nextEvent(host, ServerEvent.SessionRoster, (r) => r.removed.includes(joined.participantId));
    await expectOk(host, ClientEvent.HostKick, { participantId: joined.participantId });
    expect((await notice)[0].message).toContain('removed');
    expect(await gone).toBe('io server disconnect');
    await hostSees;

    const retry = await ask(await client(), ClientEvent.SessionResume, {
      role: 'student',
      code,
      participantId: joined.participantId,
      token: joined.token,
    });
    expect(retry).toMatchObject({ ok: false, error: { code: ErrorCode.Kicked } });
    expect(await ask(host, ClientEvent.HostKick, { participantId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.ParticipantNotFound },
    });
  });

  it('refuses a client that speaks another protocol version, with the reason', async () => {
    const refusal = connectClient(url(), { protocolVersion: 999 });
    await expect(refusal).rejects.toMatchObject({ data: { code: HandshakeError.ProtocolMismatch } });
  });
});
