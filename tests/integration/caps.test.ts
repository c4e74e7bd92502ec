import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { MemoryStore } from '@/server/store/memory-store';
import { startInProcessServer } from '../helpers/in-process-server';
import { ask, connectClient, expectOk, type TestSocket } from '../helpers/test-client';

describe('caps and rate limits beyond one connection', () => {
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  const sockets: TestSocket[] = [];
  const client = async () => {
    const socket = await connectClient(server.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startInProcessServer({
      store: await MemoryStore.open(),
      limits: { participantsPerSession: 2, joinsPerAddressPerMinute: 8, sessionsPerAddressPerHour: 2 },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('caps sessions per address, participants per session, and join attempts per address', async () => {
    const host = await client();
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await expectOk(await client(), ClientEvent.SessionCreate, {});
    expect(await ask(await client(), ClientEvent.SessionCreate, {})).toMatchObject({
      ok: false,
      error: { code: ErrorCode.RateLimited },
    });

    const join = async (nickname: string) =>
      ask<SessionJoinReply>(await client(), ClientEvent.SessionJoin, { code, nickname });
    expect((await join('Ada')).ok).toBe(true);
    const bo = await join('Bo');
    expect(bo.ok).toBe(true);
    expect(await join('Cy')).toMatchObject({ ok: false, error: { code: ErrorCode.SessionFull } });
    // A removed participant frees a place.
    if (bo.ok) await expectOk(host, ClientEvent.HostKick, { participantId: bo.data.participantId });
    expect((await join('Cy')).ok).toBe(true);

    // Guessing codes: every attempt counts, right or wrong, from any connection of the address.
    const guesses = await Promise.all(
      ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF'].map((c) =>
        client().then((s) => ask(s, ClientEvent.SessionJoin, { code: c, nickname: 'Eve' })),
      ),
    );
    const codes = guesses.map((g) => (g.ok ? 'ok' : g.error.code));
    expect(codes.filter((c) => c === ErrorCode.SessionNotFound)).toHaveLength(4);
    expect(codes.filter((c) => c === ErrorCode.RateLimited)).toHaveLength(2);
  });
});

describe('the request rate of one participant', () => {
  it('holds over all their connections, not per connection', async () => {
    const server = await startInProcessServer({ store: await MemoryStore.open() });
    const host = await connectClient(server.url);
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const first = await connectClient(server.url);
    const joined = await expectOk<SessionJoinReply>(first, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    const sockets = [first, await connectClient(server.url), await connectClient(server.url)];
    for (const socket of sockets.slice(1)) {
      const { participantId, token } = joined;
      await expectOk(socket, ClientEvent.SessionResume, { role: 'student', code, participantId, token });
    }
    const replies = await Promise.all(
      sockets.flatMap((socket) => Array.from({ length: 20 }, () => ask(socket, ClientEvent.RunMine, {}))),
    );
    const answered = replies.filter((r) => r.ok).length;
    // One connection alone may send 20 at once; three of the same participant share those 20.
    expect(answered).toBeGreaterThanOrEqual(20);
    expect(answered).toBeLessThanOrEqual(22);
    expect(replies.filter((r) => !r.ok && r.error.code === ErrorCode.RateLimited).length).toBe(60 - answered);
    for (const s of [host, ...sockets]) s.disconnect();
    await server.close();
  });
});
