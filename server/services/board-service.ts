import { createHash } from 'node:crypto';
import { downsampleCurve } from '../../lib/domain/curve';
import { rankRuns } from '../../lib/domain/leaderboard';
import type { SessionRecord } from '../../lib/domain/session';
import type { BoardRun, BoardSnapshot, CurvePoint } from '../../lib/protocol/board';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import type { Verification } from '../../lib/protocol/verification';
import { withFlag } from '../../lib/domain/verified';
import type { Store } from '../store/store';

/** The validation curve of a run: only the points where validation was measured. */
export function curveOf(points: readonly MetricPoint[]): CurvePoint[] {
  return points.flatMap((p) =>
    p.valLoss === undefined ? [] : [[p.step, p.valLoss, p.accuracy ?? null] as CurvePoint],
  );
}

/**
 * A run as the board shows it, with its author's current nickname and the server's scores of its weights
 * (flagged when its reported best validation loss beats the server's own, see isFlagged).
 */
export function toBoardRun(run: RunView, record: SessionRecord, verification: Verification | null): BoardRun {
  const nickname = record.participants.find((p) => p.id === run.participantId)?.nickname ?? '?';
  return {
    runId: run.id,
    participantId: run.participantId,
    nickname,
    cell: run.config.cell,
    config: run.config,
    status: run.status,
    startedAt: run.startedAt,
    lastStep: run.lastStep,
    curvePoints: run.curvePoints,
    best: run.best,
    bestAccuracy: run.bestAccuracy,
    verified: withFlag(verification, run.best?.valLoss ?? null),
  };
}

/**
 * A curve in a snapshot has at most this many points: about one per four pixel columns of the widest
 * chart the board draws. A run's 1,000 stored points would make a class's board megabytes.
 */
const MAX_SNAPSHOT_CURVE_POINTS = 200;
/** Runs whose points one snapshot reads at a time. */
const RUNS_PER_READ = 4;

/**
 * Every run of a round with its curve, downsampled to MAX_SNAPSHOT_CURVE_POINTS (or with none when
 * `withCurves` is false: the points are then not read at all); removed participants' runs are left out.
 */
export async function boardSnapshot(
  store: Store,
  record: SessionRecord,
  round: number,
  withCurves = true,
): Promise<BoardSnapshot> {
  const removed = new Set(record.participants.filter((p) => p.kicked).map((p) => p.id));
  const runs = (await store.listRuns(record.meta.code, round)).filter((r) => !removed.has(r.participantId));
  const curves: Record<string, CurvePoint[]> = {};
  // A few runs' points at a time: 200 runs read at once arrive together and are parsed in one long task,
  // which stalled the event loop for a second; in chunks, other requests are served in between.
  for (let i = 0; withCurves && i < runs.length; i += RUNS_PER_READ) {
    const chunk = runs.slice(i, i + RUNS_PER_READ);
    const points = await Promise.all(chunk.map((r) => store.getPoints(record.meta.code, r.id)));
    chunk.forEach((r, j) => (curves[r.id] = downsampleCurve(curveOf(points[j]), MAX_SNAPSHOT_CURVE_POINTS)));
  }
  // An earlier round is shown with its own challenge: its budget and ranking may differ from today's.
  const challenge =
    round === record.meta.round.index
      ? record.meta.challenge
      : ((await store.roundChallenges(record.meta.code)).find((r) => r.round === round)?.challenge ??
        record.meta.challenge);
  const verifications = await store.verifications(
    record.meta.code,
    runs.map((r) => r.id),
  );
  return {
    round,
    challenge,
    budgetSteps: challenge.budgetSteps,
    rankingMetric: challenge.rankingMetric,
    runs: runs.map((r, i) => toBoardRun(r, record, verifications[i])),
    curves,
  };
}

function withoutFlag(run: BoardRun): BoardRun {
  if (run.verified?.flagged === undefined) return run;
  const { flagged: _flagged, ...verified } = run.verified;
  return { ...run, verified };
}

/**
 * What one student may see of the board, as the host chose: everything; everything without other
 * students' names; or the top N runs plus the student's own runs and their neighbours in the ranking.
 */
export function studentBoard(hostBoard: BoardSnapshot, record: SessionRecord, participantId: string): BoardSnapshot {
  const { boardVisibility, boardTopN } = record.meta;
  // A flag (a report the weights do not bear out) is for the host to follow up, not for the class to see.
  const board = { ...hostBoard, runs: hostBoard.runs.map(withoutFlag) };
  if (boardVisibility === 'full') return board;
  if (boardVisibility === 'anonymous') {
    // Other students' ids are replaced too: with the roster's ids they would give the names back.
    const alias = (id: string) =>
      `anon-${createHash('sha256').update(`${record.meta.hostTokenHash}:${id}`).digest('base64url').slice(0, 16)}`;
    const runs = board.runs.map((r) =>
      r.participantId === participantId ? r : { ...r, nickname: null, participantId: alias(r.participantId) },
    );
    return { ...board, runs };
  }
  const ranked = rankRuns(board.runs, board.rankingMetric);
  const keep = new Set<string>();
  ranked.forEach((run, i) => {
    if (i < boardTopN) keep.add(run.runId);
    if (run.participantId === participantId) {
      for (const j of [i - 1, i, i + 1]) if (ranked[j]) keep.add(ranked[j].runId);
    }
  });
  const runs = board.runs.filter((r) => keep.has(r.runId));
  return {
    ...board,
    runs,
    curves: Object.fromEntries(runs.flatMap((r) => (board.curves[r.runId] ? [[r.runId, board.curves[r.runId]]] : []))),
  };
}
