import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint } from '@/lib/protocol/run';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { MemoryStore } from '@/server/store/memory-store';
import { freePort } from '../helpers/free-port';
import { startServerProcess } from '../helpers/server-process';
import { connectClient, expectOk } from '../helpers/test-client';

/** Resolves true when this process can listen on `port` (on every interface, as the server does). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** Kills what is left of a detached server's process group; nothing is left when shutdown worked. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone.
  }
}

describe('stopping `npm start`', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-shutdown-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('closes the server, frees the port and keeps every acked point, on SIGTERM and on Ctrl-C', async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, REDIS_URL: '' };
    const server = await startServerProcess(env, { detached: true });
    const runId = 'run-shutdown-000001';
    const points: MetricPoint[] = Array.from({ length: 20 }, (_, seq) => ({
      seq,
      step: (seq + 1) * 10,
      elapsedMs: (seq + 1) * 50,
      trainLoss: 4 - seq / 10,
    }));
    let code: string;
    try {
      const host = await connectClient(server.url);
      ({ code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {}));
      const student = await connectClient(server.url);
      await expectOk(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
      await expectOk(host, ClientEvent.RoundStart, {});
      await expectOk(student, ClientEvent.RunStart, { runId, config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 } });
      const stored = await expectOk<{ stored: number }>(student, ClientEvent.RunMetrics, { runId, points });
      expect(stored.stored).toBe(points.length);

      process.kill(server.pid, 'SIGTERM');
      expect(await server.exited).toBe(0);
      expect(await portIsFree(server.port)).toBe(true);
    } finally {
      killGroup(server.pid);
    }

    const store = await MemoryStore.open({ dataDir });
    try {
      expect(await store.getPoints(code, runId)).toEqual(points);
    } finally {
      await store.close();
    }

    // Ctrl-C in a terminal signals the whole process group: the server gets SIGINT from npm as well.
    const again = await startServerProcess(env, { detached: true });
    try {
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      process.kill(-again.pid, 'SIGINT');
      expect(await again.exited).toBe(0);
    } finally {
      killGroup(again.pid);
    }
  });
});
