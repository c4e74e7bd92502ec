import { describe, expect, it } from 'vitest';
import { applyBoardDelta } from '@/lib/domain/board-merge';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardRun, BoardSnapshot } from '@/lib/protocol/board';

const run = (runId: string, lastStep: number): BoardRun => ({
  runId,
  participantId: 'p',
  nickname: 'Ada',
  cell: 'gru',
  config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 },
  status: 'running',
  startedAt: 0,
  lastStep,
  best: null,
  bestAccuracy: null,
  verified: false,
});

describe('applyBoardDelta', () => {
  const board: BoardSnapshot = {
    round: 2,
    budgetSteps: 100,
    rankingMetric: 'valLoss',
    runs: [run('a', 10)],
    curves: { a: [[10, 3, null]] },
  };

  it('replaces changed runs, adds new ones and appends new points', () => {
    const next = applyBoardDelta(board, {
      round: 2,
      runs: [run('a', 30), run('b', 5)],
      curves: {
        a: [
          [20, 2.5, null],
          [30, 2, null],
        ],
        b: [[5, 4, null]],
      },
    });
    expect(next.runs.map((r) => [r.runId, r.lastStep])).toEqual([
      ['a', 30],
      ['b', 5],
    ]);
    expect(next.curves).toEqual({
      a: [
        [10, 3, null],
        [20, 2.5, null],
        [30, 2, null],
      ],
      b: [[5, 4, null]],
    });
    expect(board.curves.a).toHaveLength(1);
  });

  it('drops repeated points and ignores other rounds', () => {
    expect(applyBoardDelta(board, { round: 2, runs: [], curves: { a: [[10, 3, null]] } }).curves.a).toHaveLength(1);
    expect(applyBoardDelta(board, { round: 1, runs: [run('z', 1)], curves: {} })).toBe(board);
  });
});
