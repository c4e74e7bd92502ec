import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint, RunMineReply } from '@/lib/protocol/run';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { freePort } from '../helpers/free-port';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectClient, expectOk } from '../helpers/test-client';

/** How many times the server is killed; each life acknowledges a few batches first. */
const KILLS = 20;
const BATCHES_PER_LIFE = 3;
const POINTS_PER_BATCH = 5;

/** SIGKILL to the server's whole process group (npm and node): no shutdown code runs. */
async function kill(server: ServerProcess): Promise<void> {
  process.kill(-server.pid, 'SIGKILL');
  await server.exited;
}

describe('the embedded store, killed right after an acknowledgement', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-kill-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it(`loses no acknowledged point over ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, REDIS_URL: '' };
    let server = await startServerProcess(env, { detached: true });
    const runId = 'run-kill-after-ack-01';
    const host = await connectClient(server.url);
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const first = await connectClient(server.url);
    const { participantId, token } = await expectOk<SessionJoinReply>(first, ClientEvent.SessionJoin, {
      code,
      nickname: 'Ada',
    });
    const student = { participantId, token };
    await expectOk(host, ClientEvent.RoundStart, {});
    await expectOk(first, ClientEvent.RunStart, { runId, config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 } });
    host.disconnect();
    first.disconnect();

    const acked: MetricPoint[] = [];
    const point = (seq: number): MetricPoint => ({ seq, step: seq + 1, elapsedMs: 10 * seq, trainLoss: 5 - seq / 100 });
    try {
      for (let life = 0; life < KILLS; life++) {
        const socket = await connectClient(server.url);
        await expectOk(socket, ClientEvent.SessionResume, { role: 'student', code, ...student });
        // Everything acknowledged in an earlier life is there.
        const mine = await expectOk<RunMineReply>(socket, ClientEvent.RunMine, {});
        expect(mine.points[runId].map((p) => p.seq)).toEqual(expect.arrayContaining(acked.map((p) => p.seq)));
        for (let batch = 0; batch < BATCHES_PER_LIFE; batch++) {
          const points = Array.from({ length: POINTS_PER_BATCH }, (_, i) => point(acked.length + i));
          await expectOk(socket, ClientEvent.RunMetrics, { runId, points });
          acked.push(...points);
        }
        // One more batch in flight, never acknowledged, and the kill in the same turn as the last ack.
        socket.emit(ClientEvent.RunMetrics, { runId, points: [point(acked.length)] }, () => {});
        await kill(server);
        server = await startServerProcess(env, { detached: true });
      }
      const socket = await connectClient(server.url);
      await expectOk(socket, ClientEvent.SessionResume, { role: 'student', code, ...student });
      const mine = await expectOk<RunMineReply>(socket, ClientEvent.RunMine, {});
      const stored = new Map(mine.points[runId].map((p) => [p.seq, p]));
      expect(acked.filter((p) => !stored.has(p.seq)).map((p) => p.seq)).toEqual([]);
      for (const p of acked) expect(stored.get(p.seq)).toEqual(p);
      socket.disconnect();
    } finally {
      await kill(server).catch(() => undefined);
    }
  });
});
