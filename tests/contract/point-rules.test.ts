import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyPoints } from '@/lib/domain/run-points';
import type { MetricPoint, RunView } from '@/lib/protocol/run';
import { MemoryStore } from '@/server/store/memory-store';
import { connectRedis, type RedisClient } from '@/server/store/redis-connection';
import { RedisStore } from '@/server/store/redis-store';
import type { Store } from '@/server/store/store';
import { run } from './run-store-contract';
import { meta, uniqueCode } from './store-contract';

/**
 * The point rule lives once, in lib/domain/run-points; the Redis store enforces it again in Lua. Both
 * stores get the same random batches (resends, reorderings, duplicates within and across batches, ties
 * in loss and accuracy) and must end where the domain rule ends.
 */

const RUN_ID = 'run-property-000001';

// Few distinct seqs and values, so resends, duplicates and ties are common.
const pointArb: fc.Arbitrary<MetricPoint> = fc.record(
  {
    seq: fc.integer({ min: 0, max: 12 }),
    step: fc.integer({ min: 0, max: 300 }),
    elapsedMs: fc.integer({ min: 0, max: 100_000 }),
    trainLoss: fc.constantFrom(0.25, 1, 2.5, 3.125),
    valLoss: fc.constantFrom(0.5, 1, 1.5, 0.1 + 0.2),
    accuracy: fc.constantFrom(0, 0.25, 0.5, 1),
  },
  { requiredKeys: ['seq', 'step', 'elapsedMs', 'trainLoss'] },
);
const batchesArb = fc.array(fc.array(pointArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });

/** What the domain rule makes of the batches: counts per batch, the final summary and points. */
function expected(start: RunView, batches: MetricPoint[][]) {
  const points = new Map<number, MetricPoint>();
  let summary = start;
  const counts = batches.map((batch, i) => {
    const { run: next, fresh } = applyPoints({ run: summary, seqs: points }, batch, 1_000 + i);
    summary = next;
    for (const p of fresh) points.set(p.seq, p);
    return fresh.length;
  });
  return { counts, summary, points: [...points.values()].sort((a, b) => a.seq - b.seq) };
}

async function replay(store: Store, batches: MetricPoint[][]) {
  const code = uniqueCode();
  await store.createSession(meta(code));
  await store.startRound(code, 1, null, 7);
  await store.createRun(code, run(RUN_ID, 'p1'), 5);
  const counts: number[] = [];
  for (const [i, batch] of batches.entries()) {
    counts.push((await store.appendPoints(code, RUN_ID, batch, 1_000 + i)).length);
  }
  return { counts, summary: await store.getRun(code, RUN_ID), points: await store.getPoints(code, RUN_ID) };
}

const clients: RedisClient[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

const stores: [string, () => Promise<Store>][] = [
  ['memory', () => MemoryStore.open()],
  [
    'redis',
    async () => {
      const client = await connectRedis(inject('redisUrl'));
      clients.push(client);
      return new RedisStore(client);
    },
  ],
];

describe.each(stores)('the point rule on the %s store', (_name, open) => {
  it('stores every batch exactly as lib/domain/run-points says', async () => {
    const store = await open();
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        const want = expected(run(RUN_ID, 'p1'), batches);
        const got = await replay(store, batches);
        expect(got.counts).toEqual(want.counts);
        expect(got.summary).toEqual({ ...want.summary, status: 'running' });
        expect(got.points).toEqual(want.points);
      }),
      { numRuns: 150 },
    );
  });
});
