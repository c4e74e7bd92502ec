'use client';

import { CELL_LABELS, formatScore } from '../../_components/board/board-format';
import { CellMarker } from '../../_components/board/cell-marker';
import { CELL_DASH } from '../../_components/board/median-marks';
import { paddedExtent } from '../../_components/board/scales';
import { CELL_COLORS, CHART_THEME } from '../../_components/charts/palette';
import type { RoundSummary } from '@/lib/domain/replay';
import { CELLS, type RankingMetric } from '@/lib/protocol/challenge';
import { roundGroups, type RoundGroup } from './round-groups';

const W = 420;
const H = 220;
const PAD = { left: 56, right: 56, top: 16, bottom: 36 };
const UNIT: Record<RankingMetric, string> = { valLoss: 'best validation bits/token', accuracy: 'best accuracy' };

/** One task's rounds: each cell's median (marker) and middle half (whisker) per round, joined by a line. */
function GroupPanel({ group }: { group: RoundGroup }) {
  const { rounds, metric } = group;
  const values = rounds.flatMap((s) => s.cells.flatMap((c) => [c.q1, c.q3])).filter((v): v is number => v !== null);
  const extent = paddedExtent(values);
  if (extent === null) return null;
  const [lo, hi] = extent;
  const span = hi - lo;
  const plotW = W - PAD.left - PAD.right;
  const x = (i: number) => PAD.left + (rounds.length === 1 ? plotW / 2 : (i * plotW) / (rounds.length - 1));
  // Better is up: the lowest loss, or the highest accuracy, at the top.
  const better = metric === 'accuracy' ? hi : lo;
  const y = (v: number) => PAD.top + (Math.abs(v - better) / span) * (H - PAD.top - PAD.bottom);
  const roundList = rounds.map((s) => s.round).join(', ');
  return (
    <figure className="m-0 flex max-w-[36rem] min-w-0 flex-1 basis-[26rem] flex-col gap-1" data-testid="round-group">
      <figcaption className="text-sm text-slate-200">
        <span className="font-semibold">{group.title}</span>{' '}
        <span className="text-slate-300">
          · {rounds.length === 1 ? 'round' : 'rounds'} {roundList} · {UNIT[metric]}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full"
        role="img"
        data-lines={rounds.length > 1 ? 'joined' : 'single'}
        aria-label={`${group.title}: each cell's median ${UNIT[metric]} in round ${roundList}; the table below has the figures`}
      >
        <text x={8} y={PAD.top + 4} fontSize={12} fill={CHART_THEME.axis}>
          {formatScore(better, metric)}
        </text>
        <text x={8} y={H - PAD.bottom} fontSize={12} fill={CHART_THEME.axis}>
          {formatScore(metric === 'accuracy' ? lo : hi, metric)}
        </text>
        {rounds.map((s, i) => (
          <text key={s.round} x={x(i)} y={H - 8} fontSize={13} fill="#e2e8f0" textAnchor="middle">
            Round {s.round}
          </text>
        ))}
        {CELLS.map((cell, ci) => {
          const points = rounds.flatMap((s, i) => {
            const c = s.cells.find((c) => c.cell === cell);
            return c && c.median !== null ? [{ i, c, median: c.median }] : [];
          });
          if (points.length === 0) return null;
          // Cells side by side within a round, so whiskers do not hide one another.
          const dx = (ci - 1) * 10;
          const last = points[points.length - 1];
          return (
            <g key={cell}>
              {points.length > 1 && (
                <polyline
                  points={points.map((p) => `${x(p.i) + dx},${y(p.median)}`).join(' ')}
                  fill="none"
                  stroke={CELL_COLORS[cell]}
                  strokeWidth={2}
                  strokeDasharray={CELL_DASH[cell]?.map((d) => d / 2).join(' ')}
                />
              )}
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
                  <CellMarker cell={cell} cx={x(p.i) + dx} cy={y(p.median)} r={6} fill={CELL_COLORS[cell]} />
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
 * Each cell's median best score round by round, with its interquartile range, one panel per task and
 * metric (roundGroups) side by side: only rounds of the same task are joined by lines.
 */
export function RoundChart({ summaries }: { summaries: readonly RoundSummary[] }) {
  const groups = roundGroups(summaries);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-300">
        Each cell&apos;s median best score by round (better is higher on each chart; the whiskers span the middle half
        of the runs).
        {groups.length > 1 && ' Rounds of different tasks are drawn apart: their scores do not compare.'}
      </p>
      <div className="flex flex-wrap gap-6">
        {groups.map((group) => (
          <GroupPanel key={group.key} group={group} />
        ))}
      </div>
    </div>
  );
}
