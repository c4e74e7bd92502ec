import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply, SessionResumeReply } from '@/lib/protocol/schemas';
import { startServerProcess } from '../helpers/server-process';
import { connectClient, expectOk } from '../helpers/test-client';

describe('the embedded store across a server restart', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-restart-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps the session, its participants and their keys', async () => {
    const env = { DATA_DIR: dataDir, REDIS_URL: '' };
    const before = await startServerProcess(env);
    const host = await connectClient(before.url);
    const created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const student = await connectClient(before.url);
    const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, {
      code: created.code,
      nickname: 'Ada',
    });
    host.disconnect();
    student.disconnect();
    await before.stop();

    const after = await startServerProcess(env);
    try {
      const hostAgain = await connectClient(after.url);
      const asHost = await expectOk<SessionResumeReply>(hostAgain, ClientEvent.SessionResume, {
        role: 'host',
        code: created.code,
        hostToken: created.hostToken,
      });
      expect(asHost.session.participants.map((p) => p.nickname)).toEqual(['Ada']);
      const studentAgain = await connectClient(after.url);
      const asStudent = await expectOk<SessionResumeReply>(studentAgain, ClientEvent.SessionResume, {
        role: 'student',
        code: created.code,
        participantId: joined.participantId,
        token: joined.token,
      });
      expect(asStudent.participantId).toBe(joined.participantId);
      hostAgain.disconnect();
      studentAgain.disconnect();
    } finally {
      await after.stop();
    }
  });
});
