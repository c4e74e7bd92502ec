'use client';

import { useMemo } from 'react';
import { CELL_LABELS, formatScore } from '../../_components/board/board-format';
import { roundSummaries, type CellRoundScore } from '@/lib/domain/replay';
import { CELLS, type RankingMetric } from '@/lib/protocol/challenge';
import type { SessionExport } from '@/lib/protocol/review';
import { RoundChart } from './round-chart';

function ScoreCell({ score, metric }: { score: CellRoundScore | undefined; metric: RankingMetric }) {
  if (!score) return <td className="px-3 py-2 text-slate-400">–</td>;
  return (
    <td className="px-3 py-2 tabular-nums">
      {formatScore(score.median, metric)}
      <span className="text-slate-400">
        {' '}
        ({formatScore(score.q1, metric)}–{formatScore(score.q3, metric)}) · {score.runs}
      </span>
    </td>
  );
}

/**
 * What the class learned from round to round: per round its challenge and each cell's median best score
 * (interquartile range and number of runs beside it), by that round's ranking metric.
 */
export function RoundComparison({ data }: { data: SessionExport }) {
  const summaries = useMemo(() => roundSummaries(data), [data]);
  return (
    <section aria-label="Rounds compared" className="flex flex-col gap-4 rounded-xl bg-slate-900 p-4">
      <h2 className="text-xl font-semibold">Round by round</h2>
      <RoundChart summaries={summaries} />
      <div className="overflow-x-auto">
        <table className="w-full text-left" data-testid="round-comparison">
          <caption className="pb-2 text-left text-sm text-slate-300">
            Each cell&apos;s median best score (interquartile range) · runs
          </caption>
          <thead className="text-sm text-slate-300">
            <tr>
              <th className="px-3 py-2">Round</th>
              <th className="px-3 py-2">Challenge</th>
              <th className="px-3 py-2">Ranked by</th>
              {CELLS.map((cell) => (
                <th key={cell} className="px-3 py-2">
                  {CELL_LABELS[cell]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={s.round} className="border-t border-slate-800">
                <td className="px-3 py-2">{s.round}</td>
                <td className="px-3 py-2">{s.challenge.title}</td>
                <td className="px-3 py-2">{s.challenge.rankingMetric === 'accuracy' ? 'accuracy' : 'bits/token'}</td>
                {CELLS.map((cell) => (
                  <ScoreCell
                    key={cell}
                    score={s.cells.find((c) => c.cell === cell)}
                    metric={s.challenge.rankingMetric}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
