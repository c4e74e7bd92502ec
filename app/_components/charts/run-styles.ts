import type { Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS } from './palette';

/** What tells one run apart from the others on a chart of several runs. */
export interface RunStyle {
  id: string;
  /** "#2 GRU h32", "(now)" added for the current run: the number is the run's row in "Your runs". */
  label: string;
  cell: Cell;
  /** The cell's colour, the same on every chart. */
  color: string;
  /** Canvas line dash (CSS px); undefined for the current run's solid line. */
  dash: number[] | undefined;
  /** Line width in CSS px. */
  width: number;
  current: boolean;
}

/**
 * Dash patterns of earlier runs, in turn, so two earlier runs of the same cell still differ: long dash,
 * dots, dash-dot, short dash, sparse dots, long dash-dot.
 */
export const EARLIER_DASHES: readonly number[][] = [
  [10, 5],
  [2, 4],
  [10, 4, 2, 4],
  [5, 5],
  [1, 6],
  [14, 4, 4, 4],
];
export const CURRENT_WIDTH_PX = 3;
export const EARLIER_WIDTH_PX = 1.5;

/**
 * Styles for a student's runs of one round, given in start order: each keeps its cell's colour and gets
 * its number ("#1"…, as in "Your runs"); the current run is solid and thick, the earlier ones thin, each
 * with its own dash. Pure.
 */
export function runStyles(
  runs: readonly { id: string; cell: Cell; hiddenSize: number }[],
  currentId: string | null,
): RunStyle[] {
  let earlier = 0;
  return runs.map((run, i) => {
    const current = run.id === currentId;
    const dash = current ? undefined : EARLIER_DASHES[earlier++ % EARLIER_DASHES.length];
    return {
      id: run.id,
      label: `#${i + 1} ${run.cell.toUpperCase()} h${run.hiddenSize}${current ? ' (now)' : ''}`,
      cell: run.cell,
      color: CELL_COLORS[run.cell],
      dash,
      width: current ? CURRENT_WIDTH_PX : EARLIER_WIDTH_PX,
      current,
    };
  });
}
