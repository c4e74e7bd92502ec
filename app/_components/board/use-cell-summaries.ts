import { useMemo, useState } from 'react';
import { medianBestThreshold } from '@/lib/domain/cell-threshold';
import { summariseCells } from '@/lib/domain/leaderboard';
import type { BoardSnapshot } from '@/lib/protocol/board';

/**
 * The cell comparison of a board with its threshold: the class's median best (medianBestThreshold) until
 * the viewer sets one, and again after `onThresholdReset`. The result is CellComparison's props. `threshold` is null before any validation (no
 * run reaches a level of 0 bits, so the table then still counts runs).
 */
export function useCellSummaries(board: BoardSnapshot | null) {
  const [chosen, setChosen] = useState<number | null>(null);
  const median = useMemo(() => (board ? medianBestThreshold(board.runs) : null), [board]);
  const threshold = chosen ?? median;
  const summaries = useMemo(
    () => (board ? summariseCells(board.runs, board.curves, threshold ?? 0) : []),
    [board, threshold],
  );
  return {
    summaries,
    threshold,
    isMedian: chosen === null,
    onThresholdChange: setChosen,
    onThresholdReset: () => setChosen(null),
  };
}
