import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { boardAt, boardPointCount, exportRounds, roundReplay, roundSummaries } from '@/lib/domain/replay';
import { runBests } from '@/lib/domain/run-bests';
import type { Cell } from '@/lib/protocol/challenge';
import type { ExportRun, SessionExport } from '@/lib/protocol/review';
import type { MetricPoint } from '@/lib/protocol/run';

const T0 = 1_800_000_000_000;

/** A run of `losses` (one validation point per 10 steps, one per second), started `startS` after T0. */
function run(id: string, round: number, cell: Cell, startS: number, losses: number[], status: ExportRun['status']) {
  const points: MetricPoint[] = losses.map((valLoss, i) => ({
    seq: i,
    step: (i + 1) * 10,
    elapsedMs: (i + 1) * 1000,
    trainLoss: valLoss + 0.1,
    valLoss,
    accuracy: 1 / (1 + valLoss),
  }));
  const bests = runBests(points);
  const exportRun: ExportRun = {
    id,
    participantId: `p-${id}`,
    nickname: `Nick ${id}`,
    round,
    config: { ...DEFAULT_CHALLENGE.defaults, cell, seed: 1 },
    status,
    startedAt: T0 + startS * 1000,
    lastStep: points.at(-1)?.step ?? 0,
    curvePoints: points.length,
    best: bests.best && { ...bests.best, at: 0 },
    bestAccuracy: bests.bestAccuracy && { ...bests.bestAccuracy, at: 0 },
    verified: null,
    points,
  };
  return exportRun;
}

const data: SessionExport = {
  code: 'ABC234',
  exportedAt: T0 + 100_000,
  anonymous: false,
  rounds: [
    { round: 1, challenge: DEFAULT_CHALLENGE },
    { round: 2, challenge: { ...DEFAULT_CHALLENGE, title: 'Second' } },
  ],
  participants: [],
  runs: [
    { ...run('a', 1, 'lstm', 0, [2, 1.5, 1.2, 1.3], 'completed'), verified: { status: 'done', testLoss: 1.25 } },
    run('b', 1, 'rnn', 2, [2.5, 2.4, 2.45], 'stopped'),
    run('c', 2, 'gru', 0, [1, 0.5], 'completed'),
    run('d', 2, 'gru', 0, [1, 0.9], 'completed'),
    run('e', 2, 'gru', 0, [1, 0.7], 'running'),
  ],
};

describe('replaying a round', () => {
  const replay = roundReplay(data, 1)!;

  it('spans the round from the first start to the last point', () => {
    expect(exportRounds(data)).toEqual([1, 2]);
    expect(replay.start).toBe(T0);
    expect(replay.end).toBe(T0 + 5_000);
    expect(roundReplay(data, 3)).toBeNull();
  });

  it('shows no run before the round starts and only started runs after', () => {
    expect(boardAt(replay, T0 - 1).runs).toEqual([]);
    expect(boardAt(replay, T0 + 1_500).runs.map((r) => r.runId)).toEqual(['a']);
    expect(boardAt(replay, T0 + 2_000).runs.map((r) => r.runId)).toEqual(['a', 'b']);
  });

  it('holds the points reached by then, with the bests and status as they stood', () => {
    const mid = boardAt(replay, T0 + 3_500);
    const a = mid.runs.find((r) => r.runId === 'a')!;
    expect(mid.curves.a.map(([step]) => step)).toEqual([10, 20, 30]);
    expect(a.best).toMatchObject({ valLoss: 1.2, step: 30, at: T0 + 3_000 });
    expect(a.lastStep).toBe(30);
    expect(a.status).toBe('running');
    expect(mid.curves.b).toHaveLength(1);
    expect(boardPointCount(mid)).toBe(4);
  });

  it('ends with every point, the stored bests and the final statuses', () => {
    const end = boardAt(replay, replay.end);
    for (const r of end.runs) {
      const stored = data.runs.find((x) => x.id === r.runId)!;
      expect(r.status).toBe(stored.status);
      expect(r.best?.valLoss).toBe(stored.best?.valLoss);
      expect(r.best?.step).toBe(stored.best?.step);
      expect(r.bestAccuracy?.accuracy).toBe(stored.bestAccuracy?.accuracy);
      expect(r.curvePoints).toBe(stored.points.length);
    }
    expect(boardPointCount(end)).toBe(7);
  });

  it('shows the verified scores at the end only', () => {
    const verifiedOf = (at: number) => boardAt(replay, at).runs.find((r) => r.runId === 'a')?.verified;
    expect(verifiedOf(T0 + 4_500)).toBeNull();
    expect(verifiedOf(replay.end)).toEqual({ status: 'done', testLoss: 1.25 });
  });

  it('hands out curves that extend the earlier ones, point for point, as time moves forward', () => {
    const early = boardAt(replay, T0 + 2_000).curves.a;
    const later = boardAt(replay, T0 + 4_000).curves.a;
    expect(later.slice(0, early.length).every((p, i) => p === early[i])).toBe(true);
  });

  it('never puts a point before an earlier one, even if its elapsed time goes back', () => {
    const odd = run('z', 1, 'gru', 0, [3, 2, 1], 'completed');
    odd.points[1].elapsedMs = 500;
    const r = roundReplay({ ...data, runs: [odd] }, 1)!;
    expect(boardAt(r, T0 + 999).curves.z).toHaveLength(0);
    expect(boardAt(r, T0 + 1_000).curves.z).toHaveLength(2);
  });
});

describe('comparing rounds', () => {
  it('gives per round and cell the median best score and its interquartile range', () => {
    const [first, second] = roundSummaries(data);
    expect(first.runs).toBe(2);
    expect(first.cells.map((c) => c.cell)).toEqual(['rnn', 'lstm']);
    expect(first.cells.find((c) => c.cell === 'lstm')?.median).toBe(1.2);
    expect(second.challenge.title).toBe('Second');
    expect(second.cells).toEqual([{ cell: 'gru', runs: 3, median: 0.7, q1: 0.6, q3: 0.8 }]);
  });

  it('uses the round metric: accuracy, highest best', () => {
    const byAccuracy = {
      ...data,
      rounds: [{ round: 2, challenge: { ...DEFAULT_CHALLENGE, rankingMetric: 'accuracy' as const } }],
    };
    const [summary] = roundSummaries(byAccuracy);
    expect(summary.cells[0].median).toBeCloseTo(1 / 1.7, 10);
  });
});
