import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '@/server/store/redis-connection';
import { checkRedisPersistence } from '@/server/store/redis-persistence';
import { startRedis } from '../helpers/redis-server';
import { startServerProcess } from '../helpers/server-process';

const IN_MEMORY_ONLY = /^Redis at 127\.0\.0\.1:\d+ keeps data in memory only \(appendonly no, no save points\)/;

describe('the check of Redis persistence at start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arena-redis-persistence-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function checkWith(args?: string[]): Promise<string | null> {
    const redis = await startRedis(args);
    const client = await connectRedis(redis.url);
    try {
      return await checkRedisPersistence(client, new URL(redis.url).host);
    } finally {
      await client.close();
      await redis.stop();
    }
  }

  it('warns when Redis keeps data in memory only', async () => {
    expect(await checkWith()).toMatch(IN_MEMORY_ONLY);
  });

  it('is silent with the append-only file, or with snapshots', async () => {
    expect(await checkWith(['--save', '', '--appendonly', 'yes', '--dir', dir])).toBeNull();
    expect(await checkWith(['--save', '60 1', '--appendonly', 'no', '--dir', dir])).toBeNull();
  });

  it('says it could not check when CONFIG is disabled, as on managed Redis', async () => {
    expect(await checkWith(['--save', '', '--appendonly', 'no', '--rename-command', 'CONFIG', ''])).toMatch(
      /^Could not check whether Redis at 127\.0\.0\.1:\d+ persists its data/,
    );
  });

  it('is printed on stderr by the production server', async () => {
    const redis = await startRedis();
    try {
      const server = await startServerProcess({ REDIS_URL: redis.url });
      await server.stop();
      expect(server.stderr()).toMatch(new RegExp(IN_MEMORY_ONLY.source, 'm'));
    } finally {
      await redis.stop();
    }
  });
});
