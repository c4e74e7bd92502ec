import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareText } from '@/lib/data/text';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import { textsPath } from '@/lib/protocol/http-paths';
import type { SessionCreateReply, SessionJoinReply, SessionResumeReply } from '@/lib/protocol/schemas';
import { startServerProcess } from '../helpers/server-process';
import { ask, connectClient, expectOk, type TestSocket } from '../helpers/test-client';

const CORPUS = 'To be, or not to be, that is the question:\nWhether tis nobler in the mind to suffer\n'.repeat(60);

describe('the instructor’s own text', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let host: TestSocket;
  let created: SessionCreateReply;
  const upload = (body: BodyInit, token = created.hostToken, code = created.code) =>
    fetch(`${server.url}${textsPath(code)}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    server = await startServerProcess({
      REDIS_URL: '',
      DATA_DIR: `/tmp/arena-texts-${process.pid}`,
      MAX_TEXTS_PER_SESSION: '2',
    });
    host = await connectClient(server.url);
    created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  });
  afterAll(async () => {
    host.disconnect();
    await server.stop();
  });

  it('refuses uploads from anyone but the host, and files it cannot use, with the reason', async () => {
    const noToken = await fetch(`${server.url}${textsPath(created.code)}`, { method: 'POST', body: CORPUS });
    expect(noToken.status).toBe(401);
    expect((await upload(CORPUS, 'x'.repeat(43))).status).toBe(403);
    expect((await upload(CORPUS, created.hostToken, 'ZZZZZZ')).status).toBe(404);

    const cases: [BodyInit, number, string][] = [
      ['', 400, 'empty'],
      ['too short', 400, 'at least'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]), 400, 'binary'],
      [new Uint8Array([0xc3, 0x28, 0x41, 0x42]), 400, 'UTF-8'],
      ['x'.repeat(2_000_001), 413, 'over'],
    ];
    for (const [body, status, message] of cases) {
      const response = await upload(body);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('stores a text, serves it back, and lets a challenge train on it', async () => {
    const response = await upload(CORPUS);
    expect(response.status).toBe(201);
    const { textId, vocabSize } = (await response.json()) as { textId: string; vocabSize: number };
    expect(textId).toMatch(/^[0-9a-f]{16}$/);
    expect(vocabSize).toBe(new Set(CORPUS).size);
    expect(await (await fetch(`${server.url}${textsPath(created.code)}/${textId}`)).text()).toBe(
      shareText(CORPUS).shared,
    );
    expect((await fetch(`${server.url}${textsPath(created.code)}/0123456789abcdef`)).status).toBe(404);

    const noText = await ask(host, ClientEvent.ChallengeSet, {
      challenge: { ...DEFAULT_CHALLENGE, task: { id: 'text', params: {} } },
    });
    expect(noText).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest, message: expect.stringContaining('Upload a text') },
    });
    await expectOk(host, ClientEvent.ChallengeSet, {
      challenge: { ...DEFAULT_CHALLENGE, task: { id: 'text', params: { textId }, seed: 1 } },
    });
    await expectOk(host, ClientEvent.RoundStart, {});

    const student = await connectClient(server.url);
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, {
      code: created.code,
      nickname: 'Ada',
    });
    expect(joined.session.task.vocabSize).toBe(vocabSize);
    await expectOk(student, ClientEvent.RunStart, {
      runId: 'run-text-0000000001',
      config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 },
    });
    const resumed = await expectOk<SessionResumeReply>(host, ClientEvent.SessionResume, {
      role: 'host',
      code: created.code,
      hostToken: created.hostToken,
    });
    expect(resumed.session.challenge.task.params.textId).toBe(textId);
    student.disconnect();
  });

  it('keeps at most MAX_TEXTS_PER_SESSION texts, and takes one it has again', async () => {
    const texts = ['A first corpus. ', 'A second corpus. ', 'A third corpus. '].map((t) => t.repeat(200));
    const statuses = [];
    for (const text of [...texts, texts[0]]) statuses.push((await upload(text)).status);
    // The earlier test stored one text already: one more fits, the next is refused, a repeat is fine.
    expect(statuses).toEqual([201, 409, 409, 201]);
    const refused = await upload(texts[2]);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('at most 2 texts');
  });
});
