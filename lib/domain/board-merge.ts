import type { BoardDelta, BoardSnapshot, CurvePoint } from '../protocol/board';

/**
 * The host's live board: the last snapshot with every delta since applied, and per run how many of its
 * validation points the host has accounted for. A snapshot's curves may be downsampled, so its runs'
 * `curvePoints` start the count; each delta point adds one (the server pushes each stored point once).
 */
export interface HostBoard {
  board: BoardSnapshot;
  held: Record<string, number>;
}

export function hostBoard(snapshot: BoardSnapshot): HostBoard {
  return { board: snapshot, held: Object.fromEntries(snapshot.runs.map((r) => [r.runId, r.curvePoints])) };
}

/** Inserts points into a curve in step order; a point whose step the curve has already is skipped. */
function insertByStep(curve: CurvePoint[], points: CurvePoint[]): CurvePoint[] {
  const out = [...curve];
  for (const point of points) {
    let i = out.length;
    while (i > 0 && out[i - 1][0] > point[0]) i--;
    if (i > 0 && out[i - 1][0] === point[0]) continue;
    out.splice(i, 0, point);
  }
  return out;
}

/**
 * The board after a delta: changed runs replace their old summary (new runs are added) and new curve
 * points go in at their step, so a point that arrives late (from another server instance) still lands
 * in place. A delta for another round is ignored.
 */
export function applyBoardDelta({ board, held }: HostBoard, delta: BoardDelta): HostBoard {
  if (delta.round !== board.round) return { board, held };
  const runs = [...board.runs];
  for (const run of delta.runs) {
    const i = runs.findIndex((r) => r.runId === run.runId);
    if (i === -1) runs.push(run);
    else runs[i] = run;
  }
  const curves = { ...board.curves };
  const counted = { ...held };
  for (const [runId, points] of Object.entries(delta.curves)) {
    curves[runId] = insertByStep(curves[runId] ?? [], points);
    counted[runId] = (counted[runId] ?? 0) + points.length;
  }
  return { board: { ...board, runs, curves }, held: counted };
}

/**
 * Runs whose summary counts more validation points than the host has received: a delta was missed (a
 * reconnect, a failed push). Right after a push this can be momentary (a summary read a moment after
 * its points were queued); a gap that lasts calls for a fresh snapshot.
 */
export function runsWithGaps({ board, held }: HostBoard): string[] {
  return board.runs.filter((r) => r.curvePoints > (held[r.runId] ?? 0)).map((r) => r.runId);
}
