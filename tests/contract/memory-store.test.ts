import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_TTL_S } from '@/server/store/keys';
import { MemoryStore } from '@/server/store/memory-store';
import { SessionFiles } from '@/server/store/session-files';
import { afterClassContract } from './after-class-contract';
import { run, runStoreContract } from './run-store-contract';
import { verifyContract } from './verify-contract';
import { meta, participant, storeContract } from './store-contract';

storeContract('memory', () => MemoryStore.open());
runStoreContract('memory', () => MemoryStore.open());
afterClassContract('memory', () => MemoryStore.open());
verifyContract('memory', async () => {
  const store = await MemoryStore.open();
  return { store, queue: store.jobs };
});

const RUN_ID = 'run-eeeeeeeeeeeeeee1';

/** A store that saved one session with one run of one point (step 10, 1.5 bits), then closed. */
async function writeOneRun(dataDir: string): Promise<void> {
  const store = await MemoryStore.open({ dataDir });
  await store.createSession(meta('ABCDEF'));
  await store.startRound('ABCDEF', 1, null, 7);
  await store.createRun('ABCDEF', run(RUN_ID, 'p1'), 5);
  await store.appendPoints('ABCDEF', RUN_ID, [{ seq: 0, step: 10, elapsedMs: 5, trainLoss: 2, valLoss: 1.5 }], 2);
  await store.close();
}

describe('MemoryStore with a data folder', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-store-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('brings every session back after a restart', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    await first.addParticipant('ABCDEF', {
      participant: participant('p1', 'Ada'),
      nicknameKey: 'ada',
      maxParticipants: 500,
    });
    await first.markKicked('ABCDEF', 'p1');
    await first.close();

    const second = await MemoryStore.open({ dataDir });
    const record = await second.getSession('ABCDEF');
    expect(record?.participants).toEqual([{ ...participant('p1', 'Ada'), kicked: true }]);
    expect(
      await second.addParticipant('ABCDEF', {
        participant: participant('p2', 'ADA'),
        nicknameKey: 'ada',
        maxParticipants: 500,
      }),
    ).toBe('nickname-taken');
    expect(await readdir(path.join(dataDir, 'sessions'))).toEqual(['ABCDEF']);
  });

  it('coalesces the writes of changes that arrive together, and keeps every one of them', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    const writes = vi.spyOn(SessionFiles.prototype, 'writeSession');
    const joins = Array.from({ length: 50 }, (_, i) =>
      first.addParticipant('ABCDEF', {
        participant: participant(`p${i}`, `Student ${i}`),
        nicknameKey: `student ${i}`,
        maxParticipants: 500,
      }),
    );
    expect(await Promise.all(joins)).toEqual(new Array(50).fill('ok'));
    expect(writes.mock.calls.length).toBeGreaterThan(0);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
    writes.mockRestore();
    await first.close();

    const second = await MemoryStore.open({ dataDir });
    expect((await second.getSession('ABCDEF'))?.participants).toHaveLength(50);
  });

  it('writes metric points through on close, so a clean shutdown keeps every run', async () => {
    await writeOneRun(dataDir);

    const second = await MemoryStore.open({ dataDir });
    expect(await second.getPoints('ABCDEF', RUN_ID)).toHaveLength(1);
    expect((await second.getRun('ABCDEF', RUN_ID))?.best?.valLoss).toBe(1.5);
  });

  it('writes only the points log while a run streams, and rebuilds the run summary from it', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    await first.startRound('ABCDEF', 1, null, 7);
    await first.createRun('ABCDEF', run(RUN_ID, 'p1'), 5);
    const sessionWrites = vi.spyOn(SessionFiles.prototype, 'writeSession');
    await first.appendPoints(
      'ABCDEF',
      RUN_ID,
      [{ seq: 0, step: 10, elapsedMs: 5, trainLoss: 2, valLoss: 1.5, accuracy: 0.4 }],
      7,
    );
    await first.appendPoints(
      'ABCDEF',
      RUN_ID,
      [{ seq: 1, step: 20, elapsedMs: 9, trainLoss: 1.8, valLoss: 1.6, accuracy: 0.6 }],
      8,
    );
    await first.close();
    expect(sessionWrites).not.toHaveBeenCalled();
    sessionWrites.mockRestore();

    const second = await MemoryStore.open({ dataDir });
    expect(await second.getRun('ABCDEF', RUN_ID)).toMatchObject({
      lastStep: 20,
      best: { valLoss: 1.5, step: 10, at: 7 },
      bestAccuracy: { accuracy: 0.6, step: 20, at: 8 },
    });
  });

  it('keeps a session alive as long as metrics arrive, across a restart', async () => {
    let now = 1_000;
    const first = await MemoryStore.open({ dataDir, now: () => now });
    await first.createSession(meta('ABCDEF'));
    await first.startRound('ABCDEF', 1, null, 7);
    await first.createRun('ABCDEF', run(RUN_ID, 'p1'), 5);
    now += SESSION_TTL_S * 1000 - 10;
    await first.appendPoints('ABCDEF', RUN_ID, [{ seq: 0, step: 10, elapsedMs: 5, trainLoss: 2, valLoss: 1.5 }], now);
    now += 20;
    expect(await first.getSession('ABCDEF')).not.toBeNull();
    await first.close();

    const second = await MemoryStore.open({ dataDir, now: () => now });
    expect(await second.getPoints('ABCDEF', RUN_ID)).toHaveLength(1);
  });

  it('appends points instead of rewriting them, and skips a line a crash cut short', async () => {
    await writeOneRun(dataDir);
    await appendFile(
      path.join(dataDir, 'sessions', 'ABCDEF', 'points.ndjson'),
      `\n{"runId":"${RUN_ID}","points":[{"seq":1,`,
    );

    const second = await MemoryStore.open({ dataDir });
    await second.appendPoints('ABCDEF', RUN_ID, [{ seq: 1, step: 20, elapsedMs: 9, trainLoss: 1.8, valLoss: 1.4 }], 3);
    await second.close();

    const third = await MemoryStore.open({ dataDir });
    expect((await third.getPoints('ABCDEF', RUN_ID)).map((p) => p.step)).toEqual([10, 20]);
  });

  it('keeps uploaded texts across a restart, two uploaded at once included', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    expect(
      await Promise.all([
        first.putText('ABCDEF', 'aaaaaaaaaaaaaaaa', 'first text', 20),
        first.putText('ABCDEF', 'bbbbbbbbbbbbbbbb', 'second text', 20),
      ]),
    ).toEqual(['ok', 'ok']);
    await first.close();

    const second = await MemoryStore.open({ dataDir });
    expect(await second.getText('ABCDEF', 'aaaaaaaaaaaaaaaa')).toBe('first text');
    expect(await second.getText('ABCDEF', 'bbbbbbbbbbbbbbbb')).toBe('second text');
  });

  it('forgets a session once its lifetime has passed, on disk too', async () => {
    let now = 1_000;
    const store = await MemoryStore.open({ dataDir, now: () => now });
    await store.createSession(meta('ABCDEF'));
    now += SESSION_TTL_S * 1000 - 1;
    expect(await store.getSession('ABCDEF')).not.toBeNull();
    now += 1;
    expect(await store.getSession('ABCDEF')).toBeNull();
    await store.close();

    const reopened = await MemoryStore.open({ dataDir, now: () => now });
    expect(await reopened.getSession('ABCDEF')).toBeNull();
    expect(await readdir(path.join(dataDir, 'sessions'))).toEqual([]);
  });

  it('keeps review keys, round challenges and test seeds across a restart', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    await first.startRound('ABCDEF', 1, null, 7);
    await first.addReviewKey('ABCDEF', { hash: 'a'.repeat(64), anonymous: true, createdAt: 2 });
    await first.close();

    const second = await MemoryStore.open({ dataDir });
    expect(await second.listReviewKeys('ABCDEF')).toEqual([{ hash: 'a'.repeat(64), anonymous: true, createdAt: 2 }]);
    expect((await second.roundChallenges('ABCDEF')).map((r) => r.round)).toEqual([1]);
    expect(await second.roundTestSeed('ABCDEF', 1)).toBe(7);
  });

  it('queues again, after a restart, every run whose weights still wait to be scored', async () => {
    const first = await MemoryStore.open({ dataDir });
    await first.createSession(meta('ABCDEF'));
    await first.startRound('ABCDEF', 1, null, 7);
    await first.createRun('ABCDEF', run(RUN_ID, 'p1'), 5);
    await first.createRun('ABCDEF', run('run-bbbbbbbbbbbbbbbb', 'p1'), 5);
    await first.submitWeights('ABCDEF', RUN_ID, new Uint8Array([1, 2, 3]));
    await first.submitWeights('ABCDEF', 'run-bbbbbbbbbbbbbbbb', new Uint8Array([4]));
    await first.completeVerification('ABCDEF', 'run-bbbbbbbbbbbbbbbb', { status: 'done', testLoss: 1 });
    await first.close();

    const second = await MemoryStore.open({ dataDir });
    expect(await second.jobs.next(0)).toMatchObject({ code: 'ABCDEF', runId: RUN_ID });
    expect(await second.jobs.next(0)).toBeNull();
    expect(await second.getWeights('ABCDEF', RUN_ID)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await second.verifications('ABCDEF', [RUN_ID, 'run-bbbbbbbbbbbbbbbb'])).toEqual([
      { status: 'pending' },
      { status: 'done', testLoss: 1 },
    ]);
    await second.close();
  });

  it('deletes a session’s files, points still waiting to be written included', async () => {
    await writeOneRun(dataDir);
    const store = await MemoryStore.open({ dataDir });
    await store.appendPoints('ABCDEF', RUN_ID, [{ seq: 1, step: 20, elapsedMs: 9, trainLoss: 1.8 }], 3);
    expect(await store.deleteSession('ABCDEF')).toBe(true);
    await store.close();
    expect(await readdir(path.join(dataDir, 'sessions'))).toEqual([]);
    expect(await (await MemoryStore.open({ dataDir })).getSession('ABCDEF')).toBeNull();
  });

  it('keeps a session as long as it is told to', async () => {
    let now = 1_000;
    const store = await MemoryStore.open({ dataDir, now: () => now, ttlS: 60 });
    await store.createSession(meta('ABCDEF'));
    now += 59_999;
    expect(await store.getSession('ABCDEF')).not.toBeNull();
    now += 1;
    expect(await store.getSession('ABCDEF')).toBeNull();
  });
});
