import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint, RunView } from '@/lib/protocol/run';
import type { Store } from '@/server/store/store';
import { meta, uniqueCode } from './store-contract';

const T0 = 1_700_000_000_000;

export const run = (id: string, participantId: string, round = 1): RunView => ({
  id,
  participantId,
  round,
  config: {
    cell: 'lstm',
    hiddenSize: 64,
    layers: 1,
    embeddingSize: 16,
    learningRate: 0.005,
    optimizer: 'adam',
    batchSize: 32,
    seqLength: 40,
    clipNorm: 5,
    init: 'orthogonal',
    gateBias: 1,
    seed: 7,
  },
  status: 'running',
  startedAt: T0,
  lastStep: 0,
  curvePoints: 0,
  best: null,
  bestAccuracy: null,
});

const point = (seq: number, step: number, valLoss?: number): MetricPoint => ({
  seq,
  step,
  elapsedMs: step * 10,
  trainLoss: 3 - step / 1000,
  ...(valLoss === undefined ? {} : { valLoss, accuracy: 0.5 }),
});

/** Rounds, runs and metric points: the behaviour every Store must have. */
export function runStoreContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract, rounds and runs: ${name}`, () => {
    let store: Store;
    let code: string;
    beforeEach(async () => {
      store = await open();
      code = uniqueCode();
      await store.createSession(meta(code));
      return () => store.close();
    });

    it('runs rounds one at a time, and ends each exactly once', async () => {
      const first = await store.startRound(code, T0, T0 + 60_000, 7);
      expect(first).toEqual({ index: 1, status: 'running', startedAt: T0, endsAt: T0 + 60_000, endedAt: null });
      expect(await store.startRound(code, T0 + 1, null, 7)).toBe('conflict');
      expect(await store.dueRounds(T0 + 59_999)).not.toContainEqual({ code, index: 1 });
      expect(await store.dueRounds(T0 + 60_000)).toContainEqual({ code, index: 1 });

      const ends = await Promise.all([store.endRound(code, 1, T0 + 60_000), store.endRound(code, 1, T0 + 60_001)]);
      expect(ends.filter((e) => e === 'conflict')).toHaveLength(1);
      expect(await store.dueRounds(T0 + 120_000)).not.toContainEqual({ code, index: 1 });
      expect((await store.getSession(code))?.meta.round).toMatchObject({
        index: 1,
        status: 'ended',
        endedAt: T0 + 60_000,
      });

      expect(await store.startRound(code, T0 + 70_000, null, 7)).toMatchObject({
        index: 2,
        status: 'running',
        endsAt: null,
      });
      expect(await store.startRound(uniqueCode(), T0, null, 7)).toBe('not-found');
    });

    it('keeps each round’s secret test seed', async () => {
      await store.startRound(code, T0, null, 123_456);
      await store.endRound(code, 1, T0 + 1);
      await store.startRound(code, T0 + 2, null, 2 ** 31 - 1);
      expect(await store.roundTestSeed(code, 1)).toBe(123_456);
      expect(await store.roundTestSeed(code, 2)).toBe(2 ** 31 - 1);
      expect(await store.roundTestSeed(code, 3)).toBeNull();
      expect(await store.roundTestSeed(uniqueCode(), 1)).toBeNull();
    });

    it('changes the challenge only between rounds', async () => {
      const { challenge } = meta(code);
      const renamed = { ...challenge, title: 'Round two' };
      expect(await store.setChallenge(code, renamed)).toBe('ok');
      expect((await store.getSession(code))?.meta.challenge.title).toBe('Round two');
      await store.startRound(code, T0, null, 7);
      expect(await store.setChallenge(code, challenge)).toBe('conflict');
      expect(await store.setChallenge(uniqueCode(), challenge)).toBe('not-found');
    });

    it('creates runs only in the running round, once per id, up to the limit', async () => {
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1'), 2)).toBe('round-not-running');
      await store.startRound(code, T0, null, 7);
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1', 2), 2)).toBe('round-not-running');
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1'), 2)).toBe('ok');
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1'), 2)).toBe('exists');
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa2', 'p1'), 2)).toBe('ok');
      expect(await store.createRun(code, run('run-aaaaaaaaaaaaaaa3', 'p1'), 2)).toBe('limit');
      expect(await store.createRun(code, run('run-bbbbbbbbbbbbbbb1', 'p2'), 2)).toBe('ok');
      expect((await store.listRuns(code, 1)).map((r) => r.id)).toEqual([
        'run-aaaaaaaaaaaaaaa1',
        'run-aaaaaaaaaaaaaaa2',
        'run-bbbbbbbbbbbbbbb1',
      ]);
      expect(await store.getRun(code, 'run-aaaaaaaaaaaaaaa1')).toEqual(run('run-aaaaaaaaaaaaaaa1', 'p1'));
      expect(await store.getRun(code, 'run-nope-nope-nope1')).toBeNull();
    });

    it('stores each point once and keeps the best validation loss, first reached', async () => {
      await store.startRound(code, T0, null, 7);
      const id = 'run-ccccccccccccccc1';
      await store.createRun(code, run(id, 'p1'), 5);
      const first = [point(0, 10), point(1, 20, 2.5), point(2, 30, 2.0)];
      expect(await store.appendPoints(code, id, first, T0 + 1)).toEqual(first);
      // A resend after a reconnect overlaps what was stored; only the new point is stored, and returned.
      expect(
        await store.appendPoints(code, id, [point(1, 20, 2.5), point(2, 30, 2.0), point(3, 40, 2.0)], T0 + 2),
      ).toEqual([point(3, 40, 2.0)]);
      expect(await store.appendPoints(code, id, [point(4, 50, 2.2)], T0 + 3)).toEqual([point(4, 50, 2.2)]);

      expect((await store.getPoints(code, id)).map((p) => p.seq)).toEqual([0, 1, 2, 3, 4]);
      expect(await store.getRun(code, id)).toMatchObject({
        lastStep: 50,
        curvePoints: 4,
        best: { valLoss: 2.0, accuracy: 0.5, step: 30, at: T0 + 1 },
      });
      expect(await store.appendPoints(code, 'run-missing-missing', [point(0, 1)], T0)).toEqual([]);
    });

    it('keeps the best accuracy, first reached, apart from the best loss', async () => {
      await store.startRound(code, T0, null, 7);
      const id = 'run-ccccccccccccccc2';
      await store.createRun(code, run(id, 'p1'), 5);
      const scored = (seq: number, valLoss: number, accuracy: number): MetricPoint => ({
        ...point(seq, (seq + 1) * 10, valLoss),
        accuracy,
      });
      await store.appendPoints(code, id, [scored(0, 3, 0.2), scored(1, 2, 0.6)], T0 + 1);
      await store.appendPoints(code, id, [scored(2, 2.5, 0.6), scored(3, 1.5, 0.4)], T0 + 2);
      expect(await store.getRun(code, id)).toMatchObject({
        best: { valLoss: 1.5, accuracy: 0.4, step: 40, at: T0 + 2 },
        bestAccuracy: { accuracy: 0.6, step: 20, at: T0 + 1 },
      });
      expect((await store.listRuns(code, 1)).find((r) => r.id === id)?.bestAccuracy?.accuracy).toBe(0.6);
    });

    it('records how a run finished', async () => {
      await store.startRound(code, T0, null, 7);
      const id = 'run-ddddddddddddddd1';
      await store.createRun(code, run(id, 'p1'), 5);
      expect(await store.finishRun(code, id, 'completed')).toBe(true);
      expect((await store.getRun(code, id))?.status).toBe('completed');
      expect(await store.finishRun(code, 'run-missing-missing', 'stopped')).toBe(false);
    });
  });
}
