import { describe, expect, it } from 'vitest';
import { applyBoardDelta, hostBoard, runsWithGaps } from '@/lib/domain/board-merge';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { BoardRun, BoardSnapshot } from '@/lib/protocol/board';

const run = (runId: string, lastStep: number, curvePoints: number): BoardRun => ({
  runId,
  participantId: 'p',
  nickname: 'Ada',
  cell: 'gru',
  config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 },
  status: 'running',
  startedAt: 0,
  lastStep,
  curvePoints,
  best: null,
  bestAccuracy: null,
  verified: null,
});

const snapshot: BoardSnapshot = {
  round: 2,
  challenge: DEFAULT_CHALLENGE,
  budgetSteps: 100,
  rankingMetric: 'valLoss',
  runs: [run('a', 10, 1)],
  curves: { a: [[10, 3, null]] },
};

describe('the host board', () => {
  it('replaces changed runs, adds new ones and appends new points', () => {
    const next = applyBoardDelta(hostBoard(snapshot), {
      round: 2,
      runs: [run('a', 30, 3), run('b', 5, 1)],
      curves: {
        a: [
          [20, 2.5, null],
          [30, 2, null],
        ],
        b: [[5, 4, null]],
      },
    });
    expect(next.board.runs.map((r) => [r.runId, r.lastStep])).toEqual([
      ['a', 30],
      ['b', 5],
    ]);
    expect(next.board.curves).toEqual({
      a: [
        [10, 3, null],
        [20, 2.5, null],
        [30, 2, null],
      ],
      b: [[5, 4, null]],
    });
    expect(runsWithGaps(next)).toEqual([]);
    expect(snapshot.curves.a).toHaveLength(1);
  });

  it('puts a late point in its place instead of dropping it, and skips a step it has', () => {
    const board = hostBoard({
      ...snapshot,
      runs: [run('a', 30, 2)],
      curves: {
        a: [
          [10, 3, null],
          [30, 2, null],
        ],
      },
    });
    const late = applyBoardDelta(board, { round: 2, runs: [run('a', 30, 3)], curves: { a: [[20, 2.5, null]] } });
    expect(late.board.curves.a.map(([step]) => step)).toEqual([10, 20, 30]);
    expect(runsWithGaps(late)).toEqual([]);
    const again = applyBoardDelta(late, { round: 2, runs: [], curves: { a: [[20, 2.5, null]] } });
    expect(again.board.curves.a).toHaveLength(3);
  });

  it('tells which runs miss points the server counted', () => {
    const missed = applyBoardDelta(hostBoard(snapshot), {
      round: 2,
      runs: [run('a', 40, 4)],
      curves: { a: [[40, 2, null]] },
    });
    expect(runsWithGaps(missed)).toEqual(['a']);
  });

  it('ignores a delta of another round', () => {
    const board = hostBoard(snapshot);
    expect(applyBoardDelta(board, { round: 1, runs: [run('z', 1, 0)], curves: {} }).board).toBe(snapshot);
  });
});
