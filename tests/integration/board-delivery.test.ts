import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardDelta, CurvePoint } from '@/lib/protocol/board';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { MetricPoint } from '@/lib/protocol/run';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { MemoryStore } from '@/server/store/memory-store';
import type { Store } from '@/server/store/store';
import { startInProcessServer } from '../helpers/in-process-server';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };
const RUN_ID = 'run-delivery-000001';
const point = (seq: number): MetricPoint => ({ seq, step: (seq + 1) * 10, elapsedMs: seq, trainLoss: 3, valLoss: 2 });

/** A host and a student streaming one run on an in-process server over `store`; the host records every delta. */
async function classOver(store: Store) {
  const server = await startInProcessServer({ store });
  const host = await connectClient(server.url);
  const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  const pushed: CurvePoint[] = [];
  host.on(ServerEvent.BoardDelta, (delta: BoardDelta) => pushed.push(...(delta.curves[RUN_ID] ?? [])));
  const student = await connectClient(server.url);
  await expectOk(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
  await expectOk(host, ClientEvent.RoundStart, {});
  await expectOk(student, ClientEvent.RunStart, { runId: RUN_ID, config });
  const send = (seqs: number[]) =>
    expectOk(student, ClientEvent.RunMetrics, { runId: RUN_ID, points: seqs.map(point) });
  const close = async (...sockets: TestSocket[]) => {
    for (const s of [host, student, ...sockets]) s.disconnect();
    await server.close();
  };
  return { pushed, send, close };
}

describe('board deltas', () => {
  it('push each stored point once: a resent batch is not pushed again', async () => {
    const { pushed, send, close } = await classOver(await MemoryStore.open());
    await send([0, 1, 2, 3]);
    await send([2, 3, 4, 5]);
    await expect.poll(() => pushed.length).toBeGreaterThanOrEqual(6);
    await send([6]);
    await expect.poll(() => pushed.at(-1)?.[0]).toBe(70);
    expect(pushed.map(([step]) => step)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    await close();
  });

  it('keep the changes of a push whose store read failed, and deliver them with the next', async () => {
    const store = await MemoryStore.open();
    let failReads = 0;
    const getSession = store.getSession.bind(store);
    // The fault: the session read that a push starts with fails (the metrics path does not make it).
    store.getSession = (code) => (failReads-- > 0 ? Promise.reject(new Error('store unreachable')) : getSession(code));
    const { pushed, send, close } = await classOver(store);
    failReads = 1;
    await send([0, 1]);
    await expect.poll(() => failReads).toBe(-1);
    await expect.poll(() => pushed.map(([step]) => step)).toEqual([10, 20]);
    await close();
  });
});
