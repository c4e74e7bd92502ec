'use client';

import { useMemo } from 'react';
import { CellComparison } from '../../_components/board/cell-comparison';
import { Podium } from '../../_components/board/podium';
import { useCellSummaries } from '../../_components/board/use-cell-summaries';
import { OwnResults, type ResultsProps } from './own-results';

/** The round's outcome as the host's screen shows it, with the student's own runs marked. */
export function RoundResults({ board, participantId, code, title }: ResultsProps) {
  const cells = useCellSummaries(board);
  const own = useMemo(
    () =>
      board.runs.flatMap((r) =>
        r.participantId === participantId && r.best ? [{ cell: r.cell, best: r.best.valLoss }] : [],
      ),
    [board, participantId],
  );
  return (
    <section aria-label="Round results" className="flex flex-col gap-4">
      <h3 className="text-xl font-semibold">The round has ended: the results</h3>
      {/* One above the other: beside the form, the column is too narrow for both side by side. */}
      <div className="flex flex-col gap-6">
        <OwnResults board={board} participantId={participantId} code={code} title={title} />
        <Podium runs={board.runs} metric={board.rankingMetric} selfParticipantId={participantId} />
        <CellComparison {...cells} own={own} />
      </div>
    </section>
  );
}
