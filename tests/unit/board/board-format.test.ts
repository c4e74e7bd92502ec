import { describe, expect, it } from 'vitest';
import {
  displayName,
  formatAccuracy,
  formatBits,
  formatLearningRate,
  podiumOrder,
  progressFraction,
  settingsSummary,
  shownScore,
} from '@/app/_components/board/board-format';
import type { BoardRun } from '@/lib/protocol/board';
import type { RunConfig } from '@/lib/protocol/challenge';

const config: RunConfig = {
  cell: 'lstm',
  hiddenSize: 64,
  layers: 2,
  embeddingSize: 16,
  learningRate: 0.003,
  optimizer: 'adam',
  batchSize: 32,
  seqLength: 40,
  clipNorm: 5,
  init: 'pytorch',
  gateBias: 3,
  seed: 1,
};

function run(id: string, best: number | null, at = 0, startedAt = 0): BoardRun {
  return {
    runId: id,
    participantId: `p-${id}`,
    nickname: id,
    cell: 'lstm',
    config,
    status: 'running',
    startedAt,
    lastStep: 10,
    curvePoints: 0,
    best: best === null ? null : { valLoss: best, accuracy: null, step: 10, at },
    bestAccuracy: null,
    verified: null,
  };
}

describe('formatting', () => {
  it('names anonymous runs', () => {
    expect(displayName({ nickname: null })).toBe('Anonymous');
    expect(displayName({ nickname: 'Ada' })).toBe('Ada');
  });

  it('formats bits, accuracy and learning rates', () => {
    expect(formatBits(1.23456)).toBe('1.235');
    expect(formatBits(null)).toBe('–');
    expect(formatAccuracy(0.876)).toBe('88%');
    expect(formatAccuracy(null)).toBe('–');
    expect([0.001, 0.003, 0.0005, 0.05, 0.1, 1].map(formatLearningRate)).toEqual([
      '1e-3',
      '3e-3',
      '5e-4',
      '0.05',
      '0.1',
      '1',
    ]);
  });

  it('summarises settings, leaving out the gate bias of a vanilla RNN', () => {
    expect(settingsSummary(config)).toBe('64×2 · lr 3e-3 · bias +3 · adam');
    expect(settingsSummary({ ...config, cell: 'rnn', gateBias: 0, layers: 1 })).toBe('64×1 · lr 3e-3 · adam');
  });

  it('clamps progress to the budget', () => {
    expect(progressFraction(50, 200)).toBe(0.25);
    expect(progressFraction(300, 200)).toBe(1);
    expect(progressFraction(5, 0)).toBe(0);
  });
});

describe('podiumOrder', () => {
  it('places 2nd, 1st, 3rd from the ranking, earliest first on ties', () => {
    const runs = [run('c', 1.5), run('a', 1.2, 5), run('b', 1.2, 9), run('d', 2), run('none', null)];
    expect(podiumOrder(runs).map((p) => [p.place, p.run.runId])).toEqual([
      [2, 'b'],
      [1, 'a'],
      [3, 'c'],
    ]);
  });

  it('keeps only scored runs, 1st still present with one', () => {
    expect(podiumOrder([run('x', null), run('y', 3)]).map((p) => p.place)).toEqual([1]);
    expect(podiumOrder([run('x', null)])).toEqual([]);
  });

  it('ranks by the server’s test scores, runs without one after them', () => {
    const scored = (id: string, reported: number, testLoss: number): BoardRun => ({
      ...run(id, reported),
      verified: { status: 'done', testLoss, testAccuracy: 0.5, valLoss: testLoss },
    });
    const runs = [run('forged', 0.01), scored('second', 1.1, 1.3), scored('first', 1.2, 1.25)];
    expect(podiumOrder(runs).map((p) => [p.place, p.run.runId])).toEqual([
      [2, 'second'],
      [1, 'first'],
      [3, 'forged'],
    ]);
  });
});

describe('shownScore: one score per run where there is room for one', () => {
  const verified = (r: BoardRun, testLoss: number, testAccuracy?: number): BoardRun => ({
    ...r,
    verified: { status: 'done', testLoss, testAccuracy, valLoss: testLoss },
  });

  it("in the final ranking, the server's test score with its unit, marked verified", () => {
    expect(shownScore(verified(run('a', 1.2), 1.31), 'valLoss', true)).toEqual({
      text: '1.310',
      unit: 'test bits/token',
      verified: true,
    });
    expect(shownScore(verified(run('a', 1.2), 1.31, 0.5), 'accuracy', true)).toEqual({
      text: '50%',
      unit: 'test accuracy',
      verified: true,
    });
  });

  it('the reported best during the round, or where the server has no score, not marked', () => {
    expect(shownScore(verified(run('a', 1.2), 1.31), 'valLoss', false)).toEqual({
      text: '1.200',
      unit: 'bits/token',
      verified: false,
    });
    expect(shownScore(run('a', 1.2), 'valLoss', true)).toMatchObject({ text: '1.200', verified: false });
    const pending: BoardRun = { ...run('a', 1.2), verified: { status: 'pending' } };
    expect(shownScore(pending, 'valLoss', true)).toMatchObject({ text: '1.200', verified: false });
    // A test accuracy the task does not measure is no verified accuracy.
    expect(shownScore(verified(run('a', 1.2), 1.31), 'accuracy', true)).toMatchObject({
      unit: 'accuracy',
      verified: false,
    });
  });
});
