import type { BoardRun, BoardSnapshot, CurvePoint } from '../protocol/board';
import { CELLS, type Cell, type Challenge, type RankingMetric } from '../protocol/challenge';
import type { ExportRun, SessionExport } from '../protocol/review';
import { quantile } from './leaderboard';
import { beatsAccuracy, beatsLoss } from './run-points';

/**
 * After class: a round of an exported session (export.json) as the board showed it at any moment. Each
 * point is placed in time at its run's start plus its `elapsedMs`; the board at time t holds the runs
 * started by t with the points they had reached. Everything per run is prepared once, so a board at any
 * t costs O(runs · log points), and the curves handed out are slices of one array per run: playing
 * forward, the convergence chart extends each curve instead of redrawing it (prepareCurve).
 */

/** One run, prepared for replay. Arrays are per stored point, in `seq` order. */
export interface ReplayRun {
  run: ExportRun;
  /** When each point was reached (ms since the epoch), never decreasing. */
  times: number[];
  /** The run's whole validation curve, and per point how much of it was reached by then. */
  curve: CurvePoint[];
  curveLength: number[];
  /** Per point, the index of the best validation loss and of the best accuracy so far (-1: none yet). */
  bestIndex: number[];
  bestAccuracyIndex: number[];
}

export interface RoundReplay {
  round: number;
  challenge: Challenge;
  /** The first run's start and the last point's time (ms since the epoch); equal for a round without runs. */
  start: number;
  end: number;
  runs: ReplayRun[];
}

function prepareRun(run: ExportRun): ReplayRun {
  const times: number[] = [];
  const curve: CurvePoint[] = [];
  const curveLength: number[] = [];
  const bestIndex: number[] = [];
  const bestAccuracyIndex: number[] = [];
  let time = run.startedAt;
  let best = -1;
  let bestAccuracy = -1;
  run.points.forEach((p, i) => {
    time = Math.max(time, run.startedAt + p.elapsedMs);
    times.push(time);
    if (p.valLoss !== undefined) curve.push([p.step, p.valLoss, p.accuracy ?? null]);
    // As the server stores bests.
    if (beatsLoss(p.valLoss, best === -1 ? null : (run.points[best].valLoss as number))) best = i;
    if (beatsAccuracy(p.accuracy, bestAccuracy === -1 ? null : (run.points[bestAccuracy].accuracy as number)))
      bestAccuracy = i;
    curveLength.push(curve.length);
    bestIndex.push(best);
    bestAccuracyIndex.push(bestAccuracy);
  });
  return { run, times, curve, curveLength, bestIndex, bestAccuracyIndex };
}

/** Rounds that have a challenge or a run in the export, ascending. */
export function exportRounds(data: SessionExport): number[] {
  const rounds = new Set([...data.rounds.map((r) => r.round), ...data.runs.map((r) => r.round)]);
  return [...rounds].sort((a, b) => a - b);
}

/** Round `round` of an export, ready to replay; null when the export has no challenge for it. */
export function roundReplay(data: SessionExport, round: number): RoundReplay | null {
  const challenge = data.rounds.find((r) => r.round === round)?.challenge;
  if (!challenge) return null;
  const runs = data.runs.filter((r) => r.round === round).map(prepareRun);
  const start = runs.length ? Math.min(...runs.map((r) => r.run.startedAt)) : data.exportedAt;
  const end = runs.reduce((last, r) => Math.max(last, r.times.at(-1) ?? r.run.startedAt), start);
  return { round, challenge, start, end, runs };
}

/** How many of a run's points were reached by `at`: a binary search over its times. */
function reachedBy(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `atEnd`: the board as the round ended, with the server's scores of the submitted weights. */
function boardRunAt(r: ReplayRun, at: number, atEnd: boolean): { run: BoardRun; curve: CurvePoint[] } {
  const { run } = r;
  const k = reachedBy(r.times, at);
  const last = k - 1;
  const best = last >= 0 ? r.bestIndex[last] : -1;
  const bestAccuracy = last >= 0 ? r.bestAccuracyIndex[last] : -1;
  const finished = k === r.times.length && run.status !== 'running';
  const curve = r.curve.slice(0, last >= 0 ? r.curveLength[last] : 0);
  return {
    curve,
    run: {
      runId: run.id,
      participantId: run.participantId,
      nickname: run.nickname,
      cell: run.config.cell,
      config: run.config,
      status: finished ? run.status : 'running',
      startedAt: run.startedAt,
      lastStep: last >= 0 ? run.points[last].step : 0,
      curvePoints: curve.length,
      best:
        best >= 0
          ? {
              valLoss: run.points[best].valLoss as number,
              accuracy: run.points[best].accuracy ?? null,
              step: run.points[best].step,
              at: r.times[best],
            }
          : null,
      bestAccuracy:
        bestAccuracy >= 0
          ? {
              accuracy: run.points[bestAccuracy].accuracy as number,
              step: run.points[bestAccuracy].step,
              at: r.times[bestAccuracy],
            }
          : null,
      verified: atEnd ? run.verified : null,
    },
  };
}

/**
 * The round's board as it stood at `at` (ms since the epoch): runs not started yet are absent; scores the
 * server verified (after the runs ended) appear at the end.
 */
export function boardAt(replay: RoundReplay, at: number): BoardSnapshot {
  const runs: BoardRun[] = [];
  const curves: Record<string, CurvePoint[]> = {};
  for (const r of replay.runs) {
    if (r.run.startedAt > at) continue;
    const { run, curve } = boardRunAt(r, at, at >= replay.end);
    runs.push(run);
    curves[run.runId] = curve;
  }
  return {
    round: replay.round,
    challenge: replay.challenge,
    budgetSteps: replay.challenge.budgetSteps,
    rankingMetric: replay.challenge.rankingMetric,
    runs,
    curves,
  };
}

/** Validation points shown on a board: what the replay's "points" figure counts. */
export function boardPointCount(board: BoardSnapshot): number {
  return Object.values(board.curves).reduce((n, c) => n + c.length, 0);
}

/** One cell's best scores in one round: median and interquartile range, under the round's metric. */
export interface CellRoundScore {
  cell: Cell;
  runs: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

export interface RoundSummary {
  round: number;
  challenge: Challenge;
  runs: number;
  /** One per cell in CELLS order that had a run in the round. */
  cells: CellRoundScore[];
}

/** A run's best under a metric: bits per token, or accuracy (0..1); null before its first validation. */
export function bestScore(run: Pick<BoardRun, 'best' | 'bestAccuracy'>, metric: RankingMetric): number | null {
  return metric === 'accuracy' ? (run.bestAccuracy?.accuracy ?? null) : (run.best?.valLoss ?? null);
}

/**
 * What the class learned from round to round: per round its challenge and, per cell, the median best
 * score of its runs with the interquartile range, by `metric` or else by each round's ranking metric.
 */
export function roundSummaries(data: SessionExport, metric?: RankingMetric): RoundSummary[] {
  return data.rounds.map(({ round, challenge }) => {
    const runs = data.runs.filter((r) => r.round === round);
    const cells = CELLS.flatMap((cell) => {
      const ofCell = runs.filter((r) => r.config.cell === cell);
      if (ofCell.length === 0) return [];
      const scores = ofCell
        .map((r) => bestScore(r, metric ?? challenge.rankingMetric))
        .filter((s): s is number => s !== null)
        .sort((a, b) => a - b);
      return [
        {
          cell,
          runs: ofCell.length,
          median: quantile(scores, 0.5),
          q1: quantile(scores, 0.25),
          q3: quantile(scores, 0.75),
        },
      ];
    });
    return { round, challenge, runs: runs.length, cells };
  });
}
