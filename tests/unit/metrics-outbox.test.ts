import { describe, expect, it } from 'vitest';
import { MetricsOutbox } from '@/app/_realtime/metrics-outbox';
import type { MetricPoint } from '@/lib/protocol/run';

const point = (step: number) => ({ step, elapsedMs: step, trainLoss: 1 });

/** A fake server that stores by seq, like the real one, and can be made to drop requests. */
function fakeServer() {
  const stored = new Map<number, MetricPoint>();
  let failing = false;
  return {
    stored,
    setFailing: (f: boolean) => (failing = f),
    send: async (_runId: string, points: MetricPoint[]) => {
      if (failing) throw new Error('offline');
      for (const p of points) if (!stored.has(p.seq)) stored.set(p.seq, p);
    },
  };
}

describe('MetricsOutbox', () => {
  it('numbers points in order and empties on acknowledgement', async () => {
    const server = fakeServer();
    const outbox = new MetricsOutbox('run', server.send);
    expect([outbox.add(point(1)), outbox.add(point(2))]).toEqual([0, 1]);
    expect(await outbox.flush()).toBe(true);
    expect(outbox.backlog).toBe(0);
    expect([...server.stored.keys()]).toEqual([0, 1]);
  });

  it('keeps points through a failed send and delivers each exactly once afterwards', async () => {
    const server = fakeServer();
    const outbox = new MetricsOutbox('run', server.send);
    outbox.add(point(1));
    await outbox.flush();
    server.setFailing(true);
    for (let s = 2; s <= 250; s++) outbox.add(point(s));
    expect(await outbox.flush()).toBe(false);
    expect(outbox.backlog).toBe(249);
    server.setFailing(false);
    expect(await outbox.flush()).toBe(true);
    expect(server.stored.size).toBe(250);
    expect([...server.stored.values()].map((p) => p.step)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('sends at most one batch at a time and never more than the batch limit', async () => {
    const calls: { size: number; ack: () => void }[] = [];
    let onCall: () => void = () => {};
    const outbox = new MetricsOutbox(
      'run',
      (_id, points) =>
        new Promise<void>((ack) => {
          calls.push({ size: points.length, ack });
          onCall();
        }),
    );
    const nextCall = () => new Promise<void>((resolve) => (onCall = resolve));
    for (let s = 0; s < 150; s++) outbox.add(point(s));

    const firstCall = nextCall();
    const done = outbox.flush();
    await firstCall;
    expect(await outbox.flush()).toBe(false);
    const secondCall = nextCall();
    calls[0].ack();
    await secondCall;
    calls[1].ack();
    expect(await done).toBe(true);
    expect(calls.map((c) => c.size)).toEqual([100, 50]);
  });

  it('resumes a reloaded run: resends only what the server lacks and numbers on after the saved points', async () => {
    const server = fakeServer();
    const first = new MetricsOutbox('run', server.send);
    for (let s = 1; s <= 5; s++) first.add(point(s * 10));
    await first.flush();
    // The page went away after the server stored seqs 0..4 but before it heard of seq 5 and 6.
    server.stored.delete(3);
    const made = [10, 20, 30, 40, 50, 60, 70].map(point);
    const resumed = new MetricsOutbox('run', server.send, made, new Set(server.stored.keys()));
    expect(resumed.backlog).toBe(3);
    expect(resumed.acknowledged).toBe(4);
    expect(resumed.add(point(80))).toBe(7);
    expect(await resumed.flush()).toBe(true);
    expect([...server.stored.values()].sort((a, b) => a.seq - b.seq).map((p) => [p.seq, p.step])).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80].map((step, seq) => [seq, step]),
    );
  });
});
