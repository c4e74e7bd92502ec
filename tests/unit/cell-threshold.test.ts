import { describe, expect, it } from 'vitest';
import { medianBestThreshold } from '@/lib/domain/cell-threshold';
import { summariseCells } from '@/lib/domain/leaderboard';
import type { BoardRun, CurvePoint } from '@/lib/protocol/board';
import type { Cell } from '@/lib/protocol/challenge';

const run = (runId: string, cell: Cell, best: number | null) =>
  ({ runId, cell, best: best === null ? null : { valLoss: best, accuracy: null, step: 100, at: 0 } }) as BoardRun;

describe('medianBestThreshold', () => {
  it('is the median best, so some runs reach it and some do not', () => {
    const runs = [
      run('a', 'rnn', 1.2),
      run('b', 'rnn', 1.1),
      run('c', 'lstm', 0.4),
      run('d', 'gru', 0.5),
      run('e', 'lstm', null),
    ];
    const threshold = medianBestThreshold(runs) as number;
    expect(threshold).toBeCloseTo(0.8);
    // Curves falling from 3 bits to each run's best: the vanilla RNN runs no longer "reach" it.
    const curves: Record<string, CurvePoint[]> = Object.fromEntries(
      runs.map((r) => [
        r.runId,
        r.best
          ? [
              [10, 3, null],
              [100, r.best.valLoss, null],
            ]
          : [],
      ]),
    );
    const byCell = Object.fromEntries(summariseCells(runs, curves, threshold).map((s) => [s.cell, s.reachedThreshold]));
    expect(byCell).toEqual({ rnn: 0, lstm: 1, gru: 1 });
  });

  it('lies between the best and the worst cell median', () => {
    const runs = [
      run('a', 'rnn', 2),
      run('b', 'rnn', 2.2),
      run('c', 'gru', 0.5),
      run('d', 'gru', 0.6),
      run('e', 'gru', 0.7),
    ];
    const threshold = medianBestThreshold(runs) as number;
    expect(threshold).toBeGreaterThanOrEqual(0.6);
    expect(threshold).toBeLessThanOrEqual(2.1);
  });

  it('is null before the first validation', () => {
    expect(medianBestThreshold([run('a', 'gru', null)])).toBeNull();
    expect(medianBestThreshold([])).toBeNull();
  });
});
