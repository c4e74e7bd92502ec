import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { STORE_FORMAT, StoredDataError } from '@/server/store/formats';
import { sessionKeys } from '@/server/store/keys';
import { MemoryStore } from '@/server/store/memory-store';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import { run } from './run-store-contract';
import { meta, participant, uniqueCode } from './store-contract';

const RUN_ID = 'run-stored-data-0001';
const point = (seq: number) => ({ seq, step: 10 * (seq + 1), elapsedMs: 5, trainLoss: 2, valLoss: 1.5 - seq / 10 });

describe('the embedded store on disk', () => {
  let dataDir: string;
  let folder: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-stored-'));
    folder = path.join(dataDir, 'sessions', 'ABCDEF');
  });
  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function sessionWithRun(): Promise<MemoryStore> {
    const store = await MemoryStore.open({ dataDir });
    await store.createSession(meta('ABCDEF'));
    await store.addParticipant('ABCDEF', {
      participant: participant('p1', 'Ada'),
      nicknameKey: 'ada',
      maxParticipants: 500,
    });
    await store.startRound('ABCDEF', 1, null, 7);
    await store.createRun('ABCDEF', run(RUN_ID, 'p1'), 5);
    return store;
  }

  it('writes its format into the session file and every log line', async () => {
    const store = await sessionWithRun();
    await store.appendPoints('ABCDEF', RUN_ID, [point(0)], 2);
    await store.close();
    expect(JSON.parse(await readFile(path.join(folder, 'session.json'), 'utf8')).format).toBe(STORE_FORMAT);
    const lines = (await readFile(path.join(folder, 'points.ndjson'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).format)).toEqual([STORE_FORMAT]);
  });

  it('reads the unversioned files of format 1 (migrated on the next write)', async () => {
    const store = await sessionWithRun();
    await store.appendPoints('ABCDEF', RUN_ID, [point(0)], 2);
    await store.putText('ABCDEF', 'aaaaaaaaaaaaaaaa', 'a text', 20);
    await store.close();
    // Rewrite the files as format 1 had them: no format fields, texts as a bare list.
    const { format: _, ...session } = JSON.parse(await readFile(path.join(folder, 'session.json'), 'utf8'));
    await writeFile(path.join(folder, 'session.json'), JSON.stringify(session));
    const log = (await readFile(path.join(folder, 'points.ndjson'), 'utf8')).replace(/"format":\d+,/g, '');
    await writeFile(path.join(folder, 'points.ndjson'), log);
    await writeFile(path.join(folder, 'texts.json'), JSON.stringify([['aaaaaaaaaaaaaaaa', 'a text']]));

    const reopened = await MemoryStore.open({ dataDir });
    expect((await reopened.getSession('ABCDEF'))?.participants.map((p) => p.nickname)).toEqual(['Ada']);
    expect(await reopened.getPoints('ABCDEF', RUN_ID)).toEqual([point(0)]);
    expect(await reopened.getText('ABCDEF', 'aaaaaaaaaaaaaaaa')).toBe('a text');
  });

  it('refuses a session written in a newer format, says why, and leaves its files alone', async () => {
    const store = await sessionWithRun();
    await store.close();
    const file = path.join(folder, 'session.json');
    const newer = { ...JSON.parse(await readFile(file, 'utf8')), format: STORE_FORMAT + 1 };
    await writeFile(file, JSON.stringify(newer));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const reopened = await MemoryStore.open({ dataDir });
    expect(await reopened.getSession('ABCDEF')).toBeNull();
    expect(String(errors.mock.calls[0])).toMatch(/ABCDEF.*format 3.*newer RNN Arena/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(newer);
  });

  it('acknowledges no point while the disk fails, keeps them, and acknowledges them once they are written', async () => {
    const store = await sessionWithRun();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // The fault: the session's folder is replaced by a plain file, so every write to it fails.
    await rename(folder, `${folder}.away`);
    await writeFile(folder, '');

    await expect(store.appendPoints('ABCDEF', RUN_ID, [point(0)], 2)).rejects.toThrow();
    // The client's resend is not acknowledged either: the store holds the point, the disk does not.
    await expect(store.appendPoints('ABCDEF', RUN_ID, [point(0)], 3)).rejects.toThrow();

    await rm(folder);
    await rename(`${folder}.away`, folder);
    // With the disk back, the next resend is acknowledged once the kept point is written with the new one.
    expect(await store.appendPoints('ABCDEF', RUN_ID, [point(0), point(1)], 4)).toEqual([point(1)]);
    await store.close();

    const reopened = await MemoryStore.open({ dataDir });
    expect(await reopened.getPoints('ABCDEF', RUN_ID)).toEqual([point(0), point(1)]);
  });

  it('closes without failing while the disk is failing', async () => {
    const store = await sessionWithRun();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await rm(folder, { recursive: true });
    await writeFile(folder, '');
    await expect(store.appendPoints('ABCDEF', RUN_ID, [point(0)], 2)).rejects.toThrow();
    await expect(store.close()).resolves.toBeUndefined();
    expect(String(errors.mock.calls[0])).toMatch(/last write failed/);
    await rm(folder);
    await mkdir(folder);
  });
});

describe('the Redis store', () => {
  let client: RedisClient;
  afterAll(() => client.close());

  it('marks a session with its format and refuses a newer one with a clear message', async () => {
    client = await connectRedis(inject('redisUrl'));
    const store = new RedisStore(client);
    const code = uniqueCode();
    await store.createSession(meta(code));
    expect(await client.hGet(sessionKeys(code).meta, 'format')).toBe(String(STORE_FORMAT));

    await client.hDel(sessionKeys(code).meta, 'format');
    expect((await store.getSession(code))?.meta.code).toBe(code);

    await client.hSet(sessionKeys(code).meta, 'format', String(STORE_FORMAT + 1));
    await expect(store.getSession(code)).rejects.toThrow(StoredDataError);
    await expect(store.getSessionMeta(code)).rejects.toThrow(/format 3.*newer RNN Arena/);
  });
});
