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
});
