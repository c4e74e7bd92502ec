'use client';

import { memo, useEffect, useMemo, useRef } from 'react';
import { rankRuns } from '@/lib/domain/leaderboard';
import { rankVerified } from '@/lib/domain/verified';
import type { BoardRun } from '@/lib/protocol/board';
import type { RankingMetric } from '@/lib/protocol/challenge';
import { displayName, formatAccuracy, formatBits, progressFraction, settingsSummary } from './board-format';
import { CellChip } from './cell-chip';
import { useRowWindow } from './row-window';
import { useFlip } from './use-flip';
import { VerifiedMark, WallScore } from './verified-mark';

interface Props {
  runs: BoardRun[];
  budgetSteps: number;
  /** What the challenge ranks by. */
  metric?: RankingMetric;
  highlightedRunId?: string | null;
  onSelect?: (runId: string) => void;
  /** Lecture-hall mode: larger type and bars, higher contrast. */
  projector?: boolean;
  /** The viewer's own participant id: their runs get "(you)". */
  selfParticipantId?: string | null;
  /** Tailwind max-height of the scrolling table. */
  maxHeightClass?: string;
  /** The round has ended: rank by the server's scores on the secret test split (rankVerified). */
  final?: boolean;
  /** Beside a student's form: every column still shows, the settings narrower (in full on hover). */
  compact?: boolean;
}

/** Widths for table-layout: fixed (the name takes what is left; settings are cut, in full on hover). */
const COLUMN_WIDTHS = ['w-[3.5em]', '', 'w-[5em]', 'w-[12em]', 'w-[7em]', 'w-[7em]', 'w-[6em]', 'w-[6em]', 'w-[6.5em]'];
/**
 * On a wall only what the room follows: rank, name, cell, progress and best score, wide enough for a
 * full name at 1280 px. Settings, accuracy, status and the check mark stay on the host's own screen.
 */
const PROJECTOR_WIDTHS = ['w-[2.5em]', '', 'w-[4em]', 'w-[5.5em]', 'w-[6em]'];
/** A student's column beside the form is about 50rem at 1280 px: the settings give up 6.5em. */
const COMPACT_WIDTHS = ['w-[3em]', '', 'w-[5em]', 'w-[5.5em]', 'w-[6em]', 'w-[6em]', 'w-[6em]', 'w-[5em]', 'w-[6.5em]'];

const STATUS_LABEL: Record<BoardRun['status'], string> = { running: 'training', completed: 'done', stopped: 'stopped' };

interface RowProps {
  run: BoardRun;
  rank: number;
  /** Position among all ranked rows, for windowing and aria-rowindex. */
  index: number;
  budgetSteps: number;
  highlighted: boolean;
  self: boolean;
  projector: boolean;
  /** What the best-score column shows on a wall, where the other score has no column. */
  metric: RankingMetric;
  /** The final ranking: a wall shows the verified score where there is one. */
  final: boolean;
  onSelect?: (runId: string) => void;
}

/** Memoised: a delta replaces only the runs that changed, so the other rows skip rendering. */
const LeaderboardRow = memo(function LeaderboardRow({
  run,
  rank,
  index,
  budgetSteps,
  highlighted,
  self,
  projector,
  metric,
  final,
  onSelect,
}: RowProps) {
  const progress = progressFraction(run.lastStep, budgetSteps);
  const cell = projector ? 'px-3 py-2' : 'px-2 py-1';
  return (
    <tr
      data-testid="leaderboard-row"
      data-run-id={run.runId}
      data-rank={rank}
      data-best={run.best?.valLoss ?? ''}
      data-flip-key={run.runId}
      data-row-index={index}
      aria-rowindex={index + 2}
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
          title={displayName(run)}
          className="flex max-w-full text-left font-medium text-slate-50 focus-visible:outline-2 focus-visible:outline-sky-300 disabled:cursor-default"
        >
          {/* Only the nickname is cut: "(you)" always shows in full. */}
          <span className="min-w-0 truncate">{displayName(run)}</span>
          {self && <span className="ml-1 shrink-0 text-amber-300">(you)</span>}
        </button>
      </td>
      <td className={cell}>
        <CellChip cell={run.cell} projector={projector} />
      </td>
      {!projector && (
        <td className={`${cell} truncate text-slate-300`} title={settingsSummary(run.config)}>
          {settingsSummary(run.config)}
        </td>
      )}
      <td className={cell}>
        <div
          role="progressbar"
          aria-label="Steps trained"
          aria-valuemin={0}
          aria-valuemax={budgetSteps}
          aria-valuenow={run.lastStep}
          className={`w-full overflow-hidden rounded-full bg-slate-700 ${projector ? 'h-2' : 'h-1'}`}
        >
          {/* scaleX, not width, and no transition: bars easing on every push kept the main thread restyling
              them each frame (bench:board: a third of its busy time). At 4 pushes a second they move smoothly anyway. */}
          <div className="h-full origin-left bg-slate-300" style={{ transform: `scaleX(${progress})` }} />
        </div>
      </td>
      <td data-testid="best-score" className={`${cell} text-right font-semibold tabular-nums text-slate-50`}>
        {projector ? <WallScore run={run} metric={metric} final={final} /> : formatBits(run.best?.valLoss)}
      </td>
      {!projector && (
        <>
          <td className={`${cell} text-right tabular-nums text-slate-300`}>
            {formatAccuracy(run.bestAccuracy?.accuracy)}
          </td>
          <td className={`${cell} ${run.status === 'running' ? 'text-sky-300' : 'text-slate-400'}`}>
            {STATUS_LABEL[run.status]}
          </td>
          <td className={`${cell} text-right tabular-nums text-emerald-300`}>
            <VerifiedMark run={run} metric={metric} />
          </td>
        </>
      )}
    </tr>
  );
});

/**
 * The class ranking (rankRuns: lowest best validation bits per token or highest best accuracy first, as
 * the challenge says) in a scrolling table that
 * renders only the rows in view. Rows keep their DOM node across updates and slide to their new rank;
 * clicking a row or its name selects the run, and a run selected elsewhere (the chart) scrolls into view.
 */
export function Leaderboard({
  runs,
  budgetSteps,
  metric = 'valLoss',
  highlightedRunId = null,
  onSelect,
  projector = false,
  selfParticipantId = null,
  maxHeightClass = 'max-h-[70vh]',
  final = false,
  compact = false,
}: Props) {
  const ranked = useMemo(() => (final ? rankVerified : rankRuns)(runs, metric), [runs, metric, final]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const { window: shown, padding, reveal } = useRowWindow(scrollRef, bodyRef, ranked.length);
  useFlip(bodyRef);
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (highlightedRunId === revealed.current) return;
    revealed.current = highlightedRunId;
    const index = ranked.findIndex((r) => r.runId === highlightedRunId);
    if (index >= 0) reveal(index);
  });
  const head = `sticky top-0 z-10 bg-slate-900 ${projector ? 'px-3 py-2' : 'px-2 py-1'}`;

  return (
    // A scroll box is a tab stop (so the keyboard can scroll it): named, so a screen reader says what it is.
    <div
      ref={scrollRef}
      role="region"
      aria-label="Class board rows"
      tabIndex={0}
      data-testid="leaderboard-scroll"
      className={`overflow-auto rounded-xl bg-slate-900 px-3 pb-3 focus-visible:outline-2 focus-visible:outline-sky-300 ${maxHeightClass}`}
    >
      <table
        aria-label="Leaderboard"
        aria-rowcount={ranked.length + 1}
        data-testid="leaderboard"
        // Fixed layout: a 200-row table re-measured from every cell at 4 updates a second is what made it jank.
        className={`w-full table-fixed border-collapse text-left ${projector ? 'text-xl' : compact ? 'min-w-[44rem] text-sm' : 'min-w-[52rem] text-sm'} text-slate-200`}
      >
        <colgroup>
          {(projector ? PROJECTOR_WIDTHS : compact ? COMPACT_WIDTHS : COLUMN_WIDTHS).map((w, i) => (
            <col key={i} className={w} />
          ))}
        </colgroup>
        <thead className={`text-slate-400 ${projector ? 'text-base' : 'text-xs'} uppercase tracking-wide`}>
          <tr>
            <th scope="col" className={`${head} text-right`}>
              #
            </th>
            <th scope="col" className={head}>
              Name
            </th>
            <th scope="col" className={head}>
              Cell
            </th>
            {!projector && (
              <th scope="col" className={head}>
                Settings
              </th>
            )}
            <th scope="col" className={head}>
              Progress
            </th>
            <th
              scope="col"
              className={`${head} text-right ${metric === 'valLoss' || projector ? 'text-slate-100' : ''}`}
              aria-sort={metric === 'valLoss' ? 'ascending' : projector ? 'descending' : undefined}
            >
              {projector ? (metric === 'accuracy' ? 'Accuracy' : 'Bits/token') : 'Best bits/token'}
            </th>
            {!projector && (
              <>
                <th
                  scope="col"
                  className={`${head} text-right ${metric === 'accuracy' ? 'text-slate-100' : ''}`}
                  aria-sort={metric === 'accuracy' ? 'descending' : undefined}
                >
                  Best accuracy
                </th>
                <th scope="col" className={head}>
                  Status
                </th>
                <th
                  scope="col"
                  className={`${head} text-right ${final ? 'text-slate-100' : ''}`}
                  title="The server's score of the run's best weights on test data no browser has seen"
                >
                  Verified
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {padding.before > 0 && <tr aria-hidden="true" style={{ height: padding.before }} />}
          {ranked.slice(shown.start, shown.end).map((run, k) => (
            <LeaderboardRow
              key={run.runId}
              run={run}
              rank={shown.start + k + 1}
              index={shown.start + k}
              budgetSteps={budgetSteps}
              highlighted={run.runId === highlightedRunId}
              self={selfParticipantId !== null && run.participantId === selfParticipantId}
              projector={projector}
              metric={metric}
              final={final}
              onSelect={onSelect}
            />
          ))}
          {padding.after > 0 && <tr aria-hidden="true" style={{ height: padding.after }} />}
        </tbody>
      </table>
      {ranked.length === 0 && <p className="py-6 text-center text-slate-400">No runs yet.</p>}
      {projector && final && ranked.length > 0 && (
        <p className="sticky bottom-0 bg-slate-900 pt-2 text-base text-slate-300" data-testid="wall-score-key">
          <span className="text-emerald-300">✓</span> scored by the server on test data no browser has seen; the other
          scores are as reported
        </p>
      )}
    </div>
  );
}
