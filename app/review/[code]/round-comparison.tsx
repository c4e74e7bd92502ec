'use client';

import { useMemo } from 'react';
import { CELL_LABELS, formatAccuracy, formatBits } from '../../_components/board/board-format';
import { CELL_DASH } from '../../_components/board/median-marks';
import { CELL_COLORS } from '../../_components/charts/palette';
import { roundSummaries, type CellRoundScore } from '@/lib/domain/replay';
import { CELLS, type Cell, type RankingMetric } from '@/lib/protocol/challenge';
import type { SessionExport } from '@/lib/protocol/review';

const W = 640;
const H = 220;
const PAD = { left: 56, right: 72, top: 16, bottom: 36 };

/** Each cell's marker, so the chart reads without colour too (the class chart's dash styles as well). */
function Marker({ cell, x, y }: { cell: Cell; x: number; y: number }) {
  const fill = CELL_COLORS[cell];
  if (cell === 'rnn') return <circle cx={x} cy={y} r={6} fill={fill} />;
  if (cell === 'lstm') return <rect x={x - 6} y={y - 6} width={12} height={12} fill={fill} />;
  return <path d={`M${x},${y - 7} L${x + 7},${y + 5} L${x - 7},${y + 5} Z`} fill={fill} />;
}

function formatScore(value: number | null, metric: RankingMetric): string {
  return metric === 'accuracy' ? formatAccuracy(value) : formatBits(value);
}

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

/** The median best validation loss of each cell, round by round, with its interquartile range. */
function RoundChart({ data }: { data: SessionExport }) {
  const summaries = useMemo(() => roundSummaries(data, 'valLoss'), [data]);
  const values = summaries.flatMap((s) => s.cells.flatMap((c) => [c.q1, c.q3])).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) =>
    PAD.left +
    (summaries.length === 1
      ? (W - PAD.left - PAD.right) / 2
      : (i * (W - PAD.left - PAD.right)) / (summaries.length - 1));
  const y = (v: number) => PAD.top + ((v - lo) / span) * (H - PAD.top - PAD.bottom);
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm text-slate-300">
        Each cell&apos;s median best validation loss by round, bits/token (better is higher on the chart; the whiskers
        span the middle half of the runs)
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full max-w-3xl"
        role="img"
        aria-label="Median best validation loss per cell, round by round (lower is better); the table below has the figures"
      >
        <text x={8} y={PAD.top + 4} fontSize={12} fill="#cbd5e1">
          {formatBits(lo)}
        </text>
        <text x={8} y={H - PAD.bottom} fontSize={12} fill="#cbd5e1">
          {formatBits(hi)}
        </text>
        {summaries.map((s, i) => (
          <text key={s.round} x={x(i)} y={H - 8} fontSize={13} fill="#e2e8f0" textAnchor="middle">
            Round {s.round}
          </text>
        ))}
        {CELLS.map((cell, ci) => {
          const points = summaries.flatMap((s, i) => {
            const c = s.cells.find((c) => c.cell === cell);
            return c && c.median !== null ? [{ i, c, median: c.median }] : [];
          });
          if (points.length === 0) return null;
          // Cells side by side within a round, so whiskers do not hide one another.
          const dx = (ci - 1) * 10;
          const last = points[points.length - 1];
          return (
            <g key={cell}>
              <polyline
                points={points.map((p) => `${x(p.i) + dx},${y(p.median)}`).join(' ')}
                fill="none"
                stroke={CELL_COLORS[cell]}
                strokeWidth={2}
                strokeDasharray={CELL_DASH[cell]?.map((d) => d / 2).join(' ')}
              />
              {points.map((p) => (
                <g key={p.i}>
                  <line
                    x1={x(p.i) + dx}
                    x2={x(p.i) + dx}
                    y1={y(p.c.q1 ?? p.median)}
                    y2={y(p.c.q3 ?? p.median)}
                    stroke={CELL_COLORS[cell]}
                    strokeWidth={2}
                  />
                  <Marker cell={cell} x={x(p.i) + dx} y={y(p.median)} />
                </g>
              ))}
              <text x={x(last.i) + dx + 12} y={y(last.median) + 4} fontSize={13} fill={CELL_COLORS[cell]}>
                {CELL_LABELS[cell]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
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
      <RoundChart data={data} />
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
