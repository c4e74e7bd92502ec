'use client';

import { useEffect, useMemo } from 'react';
import { CELL_LABELS, formatAccuracy, formatBits } from '../../_components/board/board-format';
import { LossChart } from '../../_components/charts/loss-chart';
import { CELL_COLORS } from '../../_components/charts/palette';
import { rememberResults, type OwnRunResult } from '../../_realtime/class-history';
import { bestScore } from '@/lib/domain/replay';
import { rankVerified } from '@/lib/domain/verified';
import type { BoardSnapshot } from '@/lib/protocol/board';

/**
 * A student's own runs of an ended round: rank among the class's runs, best score and validation curve.
 * Kept in this browser's list of classes too (the start page shows it), since after class only the
 * host and review-link holders can read the class from the server.
 */
export interface ResultsProps {
  board: BoardSnapshot;
  participantId: string;
  code: string;
  /** The round's challenge title, kept with the student's own results. */
  title: string;
}

export function OwnResults({ board, participantId, code, title }: ResultsProps) {
  const metric = board.rankingMetric;
  const results = useMemo((): OwnRunResult[] => {
    // The round's final ranking, as the podium beside it: verified test scores first.
    const ranked = rankVerified(board.runs, metric);
    return ranked.flatMap((run, i) =>
      run.participantId === participantId
        ? [{ runId: run.runId, cell: run.cell, score: bestScore(run, metric), rank: i + 1, of: ranked.length }]
        : [],
    );
  }, [board, metric, participantId]);

  useEffect(() => {
    if (results.length > 0) rememberResults(code, { round: board.round, title, metric, runs: results });
  }, [code, board.round, title, metric, results]);

  if (results.length === 0) return null;
  const format = metric === 'accuracy' ? formatAccuracy : formatBits;
  return (
    <section
      aria-label="Your results"
      className="flex flex-col gap-3 rounded-xl bg-slate-900 p-4"
      data-testid="own-results"
    >
      <h3 className="text-xl font-semibold">Your results</h3>
      <ul className="flex flex-col gap-1">
        {results.map((r) => (
          <li key={r.runId} className="tabular-nums">
            {CELL_LABELS[r.cell]} run: <strong>place {r.rank}</strong> of {r.of}, best {format(r.score)}
            {metric === 'accuracy' ? ' accuracy' : ' bits/token'}
          </li>
        ))}
      </ul>
      <LossChart
        runs={results.map((r, i) => ({
          id: r.runId,
          label: `${CELL_LABELS[r.cell]} run ${i + 1}`,
          color: CELL_COLORS[r.cell],
          points: (board.curves[r.runId] ?? []).map(([step, valLoss]) => ({ step, valLoss })),
        }))}
        metric="valLoss"
        logY
        height={200}
      />
    </section>
  );
}
