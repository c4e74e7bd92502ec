import type { BoardDelta, BoardSnapshot } from '../protocol/board';

/**
 * The board after a delta: changed runs replace their old summary (new runs are added) and new curve
 * points are appended. A point at or before the curve's last step is dropped, so a delta that repeats
 * points (two instances, a resend) changes nothing. A delta for another round is ignored.
 */
export function applyBoardDelta(board: BoardSnapshot, delta: BoardDelta): BoardSnapshot {
  if (delta.round !== board.round) return board;
  const runs = [...board.runs];
  for (const run of delta.runs) {
    const i = runs.findIndex((r) => r.runId === run.runId);
    if (i === -1) runs.push(run);
    else runs[i] = run;
  }
  const curves = { ...board.curves };
  for (const [runId, points] of Object.entries(delta.curves)) {
    const curve = curves[runId] ?? [];
    const lastStep = curve.at(-1)?.[0] ?? -1;
    const fresh = points.filter(([step]) => step > lastStep);
    if (fresh.length > 0) curves[runId] = [...curve, ...fresh];
  }
  return { ...board, runs, curves };
}
