import { describe, expect, it } from 'vitest';
import { curveBand, quantile, rankRuns, stepsToThreshold, summariseCells } from '@/lib/domain/leaderboard';
import { isFlagged, rankVerified } from '@/lib/domain/verified';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardRun, CurvePoint } from '@/lib/protocol/board';
import type { Cell } from '@/lib/protocol/challenge';

const run = (
  runId: string,
  cell: Cell,
  best: number | null,
  at = 0,
  startedAt = 0,
  accuracy: number | null = null,
): BoardRun => ({
  runId,
  participantId: `p-${runId}`,
  nickname: runId,
  cell,
  config: { ...DEFAULT_CHALLENGE.defaults, cell, seed: 1 },
  status: 'running',
  startedAt,
  lastStep: 100,
  curvePoints: 0,
  best: best === null ? null : { valLoss: best, accuracy: null, step: 50, at },
  bestAccuracy: accuracy === null ? null : { accuracy, step: 60, at },
  verified: null,
});

describe('rankRuns', () => {
  it('orders by best validation loss, ties by who reached it first, unscored runs last', () => {
    const ranked = rankRuns([
      run('late', 'gru', 1.0, 20),
      run('none', 'rnn', null, 0, 5),
      run('best', 'lstm', 0.5),
      run('early', 'rnn', 1.0, 10),
      run('none2', 'rnn', null, 0, 1),
    ]);
    expect(ranked.map((r) => r.runId)).toEqual(['best', 'early', 'late', 'none2', 'none']);
  });

  it('orders by best accuracy, highest first, when the challenge ranks by accuracy', () => {
    const runs = [
      run('lowLoss', 'lstm', 0.5, 0, 0, 0.4),
      run('late', 'gru', 1.0, 20, 0, 0.9),
      run('none', 'rnn', 0.9),
      run('early', 'rnn', 2.0, 10, 0, 0.9),
    ];
    expect(rankRuns(runs, 'accuracy').map((r) => r.runId)).toEqual(['early', 'late', 'lowLoss', 'none']);
    expect(rankRuns(runs, 'valLoss').map((r) => r.runId)).toEqual(['lowLoss', 'none', 'late', 'early']);
  });
});

describe('statistics', () => {
  it('interpolates quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('finds the first step at or below a threshold', () => {
    const curve: CurvePoint[] = [
      [10, 3, null],
      [20, 2, null],
      [30, 1.5, null],
    ];
    expect(stepsToThreshold(curve, 2)).toBe(20);
    expect(stepsToThreshold(curve, 1)).toBeNull();
  });

  it('summarises each cell', () => {
    const runs = [run('a', 'lstm', 1), run('b', 'lstm', 2), run('c', 'lstm', 3), run('d', 'rnn', 4)];
    const curves = { a: [[10, 1, null]], b: [[20, 1.5, null]], c: [[30, 3, null]], d: [[10, 4, null]] } as Record<
      string,
      CurvePoint[]
    >;
    const [rnn, lstm, gru] = summariseCells(runs, curves, 2);
    expect(lstm).toEqual({
      cell: 'lstm',
      runs: 3,
      medianBest: 2,
      q1Best: 1.5,
      q3Best: 2.5,
      medianStepsToThreshold: 15,
      reachedThreshold: 2,
    });
    expect(rnn).toMatchObject({ runs: 1, medianBest: 4, reachedThreshold: 0, medianStepsToThreshold: null });
    expect(gru).toMatchObject({ runs: 0, medianBest: null });
  });

  it('bands curves on the union of their steps, carrying each curve’s last value forward', () => {
    const band = curveBand([
      [
        [10, 4, null],
        [30, 2, null],
      ],
      [
        [20, 3, null],
        [30, 1, null],
      ],
    ]);
    expect(band).toEqual([
      { step: 10, q1: 4, median: 4, q3: 4 },
      { step: 20, q1: 3.25, median: 3.5, q3: 3.75 },
      { step: 30, q1: 1.25, median: 1.5, q3: 1.75 },
    ]);
  });
});

describe('rankVerified', () => {
  const verified = (r: BoardRun, testLoss: number, testAccuracy = 0.5): BoardRun => ({
    ...r,
    verified: { status: 'done', testLoss, testAccuracy, valLoss: testLoss },
  });

  it('ranks scored runs by their test score first, then the rest as reported', () => {
    const runs = [
      run('forged', 'rnn', 0.01),
      verified(run('honest', 'lstm', 1.0), 1.1, 0.8),
      verified(run('better', 'gru', 1.2, 0, 1), 0.9, 0.7),
      { ...run('pending', 'gru', 0.8), verified: { status: 'pending' as const } },
    ];
    expect(rankVerified(runs).map((r) => r.runId)).toEqual(['better', 'honest', 'forged', 'pending']);
    expect(rankVerified(runs, 'accuracy').map((r) => r.runId)).toEqual(['honest', 'better', 'forged', 'pending']);
  });

  it('flags a reported loss more than 2% better than the server’s own', () => {
    expect(isFlagged(0.01, 2)).toBe(true);
    expect(isFlagged(1.97, 2)).toBe(false);
    expect(isFlagged(1.95, 2)).toBe(true);
    expect(isFlagged(null, 2)).toBe(false);
  });
});
