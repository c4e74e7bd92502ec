'use client';

import { memo, useMemo, useRef } from 'react';
import { rankRuns } from '@/lib/domain/leaderboard';
import type { BoardRun } from '@/lib/protocol/board';
import { displayName, formatAccuracy, formatBits, progressFraction, settingsSummary } from './board-format';
import { CellChip } from './cell-chip';
import { useFlip } from './use-flip';

interface Props {
  runs: BoardRun[];
  budgetSteps: number;
  highlightedRunId?: string | null;
  onSelect?: (runId: string) => void;
  /** Lecture-hall mode: larger type and bars, higher contrast. */
  projector?: boolean;
  /** The viewer's own participant id: their runs get "(you)". */
  selfParticipantId?: string | null;
}

/** Widths for table-layout: fixed (name and settings share what is left). */
const COLUMN_WIDTHS = ['w-[3.5em]', '', 'w-[5em]', 'w-[17em]', 'w-[7em]', 'w-[7em]', 'w-[6em]', 'w-[6em]', 'w-[2.5em]'];

const STATUS_LABEL: Record<BoardRun['status'], string> = { running: 'training', completed: 'done', stopped: 'stopped' };

interface RowProps {
  run: BoardRun;
  rank: number;
  budgetSteps: number;
  highlighted: boolean;
  self: boolean;
  projector: boolean;
  onSelect?: (runId: string) => void;
}

/** Memoised: a delta replaces only the runs that changed, so the other rows skip rendering. */
const LeaderboardRow = memo(function LeaderboardRow({ run, rank, budgetSteps, highlighted, self, projector, onSelect }: RowProps) {
  const progress = progressFraction(run.lastStep, budgetSteps);
  const cell = projector ? 'px-3 py-2' : 'px-2 py-1';
  return (
    <tr
      data-testid="leaderboard-row"
      data-run-id={run.runId}
      data-rank={rank}
      data-best={run.best?.valLoss ?? ''}
      data-flip-key={run.runId}
      aria-current={highlighted ? 'true' : undefined}
      onClick={onSelect ? () => onSelect(run.runId) : undefined}
      className={`relative border-t border-slate-800 ${onSelect ? 'cursor-pointer hover:bg-slate-800/60' : ''} ${
        highlighted ? 'bg-slate-700/70 outline-2 -outline-offset-2 outline-sky-300' : ''
      }`}
    >
      <td className={`${cell} text-right font-semibold tabular-nums text-slate-100`}>{rank}</td>
      <td className={`${cell} truncate`}>
        <button
          type="button"
          aria-pressed={highlighted}
          disabled={!onSelect}
          onClick={(e) => {
            // The row handles mouse clicks too; stop here so one click selects once.
            e.stopPropagation();
            onSelect?.(run.runId);
          }}
          className="max-w-full truncate text-left font-medium text-slate-50 focus-visible:outline-2 focus-visible:outline-sky-300 disabled:cursor-default"
        >
          {displayName(run)}
          {self && <span className="ml-1 text-amber-300">(you)</span>}
        </button>
      </td>
      <td className={cell}>
        <CellChip cell={run.cell} projector={projector} />
      </td>
      <td className={`${cell} truncate text-slate-300`}>{settingsSummary(run.config)}</td>
      <td className={cell}>
        <div
          role="progressbar"
          aria-label="Steps trained"
          aria-valuemin={0}
          aria-valuemax={budgetSteps}
          aria-valuenow={run.lastStep}
          className={`w-full overflow-hidden rounded-full bg-slate-700 ${projector ? 'h-2' : 'h-1'}`}
        >
          {/* scaleX, not width: 200 bars easing at once must not re-lay out the table every frame. */}
          <div className="h-full origin-left bg-slate-300 transition-transform duration-300" style={{ transform: `scaleX(${progress})` }} />
        </div>
      </td>
      <td className={`${cell} text-right font-semibold tabular-nums text-slate-50`}>{formatBits(run.best?.valLoss)}</td>
      <td className={`${cell} text-right tabular-nums text-slate-300`}>{formatAccuracy(run.best?.accuracy)}</td>
      <td className={`${cell} ${run.status === 'running' ? 'text-sky-300' : 'text-slate-400'}`}>{STATUS_LABEL[run.status]}</td>
      <td className={`${cell} text-center text-emerald-300`}>
        {run.verified ? <span aria-label="verified">✓</span> : null}
      </td>
    </tr>
  );
});

/**
 * The class ranking (rankRuns: lowest best validation bits per token first). Rows keep their DOM node
 * across updates and slide to their new rank; clicking a row or its name selects the run.
 */
export function Leaderboard({ runs, budgetSteps, highlightedRunId = null, onSelect, projector = false, selfParticipantId = null }: Props) {
  const ranked = useMemo(() => rankRuns(runs), [runs]);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useFlip(bodyRef);
  const head = projector ? 'px-3 py-2' : 'px-2 py-1';

  return (
    <div className="overflow-x-auto rounded-xl bg-slate-900 p-3">
      <table
        aria-label="Leaderboard"
        data-testid="leaderboard"
        // Fixed layout: a 200-row table re-measured from every cell at 4 updates a second is what made it jank.
        className={`w-full table-fixed border-collapse text-left ${projector ? 'min-w-[72rem] text-xl' : 'min-w-[52rem] text-sm'} text-slate-200`}
      >
        <colgroup>
          {COLUMN_WIDTHS.map((w, i) => (
            <col key={i} className={w} />
          ))}
        </colgroup>
        <thead className={`text-slate-400 ${projector ? 'text-base' : 'text-xs'} uppercase tracking-wide`}>
          <tr>
            <th scope="col" className={`${head} text-right`}>#</th>
            <th scope="col" className={head}>Name</th>
            <th scope="col" className={head}>Cell</th>
            <th scope="col" className={head}>Settings</th>
            <th scope="col" className={head}>Progress</th>
            <th scope="col" className={`${head} text-right`}>Best bits/token</th>
            <th scope="col" className={`${head} text-right`}>Accuracy</th>
            <th scope="col" className={head}>Status</th>
            <th scope="col" className={`${head} text-center`}>
              <span className="sr-only">Verified</span>
              <span aria-hidden>✓</span>
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {ranked.map((run, i) => (
            <LeaderboardRow
              key={run.runId}
              run={run}
              rank={i + 1}
              budgetSteps={budgetSteps}
              highlighted={run.runId === highlightedRunId}
              self={selfParticipantId !== null && run.participantId === selfParticipantId}
              projector={projector}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
      {ranked.length === 0 && <p className="py-6 text-center text-slate-500">No runs yet.</p>}
    </div>
  );
}
