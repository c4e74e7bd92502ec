'use client';

import { memo, useCallback, useState } from 'react';
import { CellComparison } from '../../_components/board/cell-comparison';
import { ConvergenceChart } from '../../_components/board/convergence-chart';
import { HyperparameterScatter } from '../../_components/board/hyperparameter-scatter';
import { Leaderboard } from '../../_components/board/leaderboard';
import { Podium } from '../../_components/board/podium';
import { useCellSummaries } from '../../_components/board/use-cell-summaries';
import { useFillHeight } from '../../_components/board/use-fill-height';
import { ChallengeSummary } from '../../_components/challenge-summary';
import { useBoard } from '../../_realtime/use-board';

interface Props {
  round: number;
  ended: boolean;
  /** The host connection is joined; the board loads (again) when this turns true. */
  ready: boolean;
  projector: boolean;
  /** An earlier round than the current one: its own challenge is shown with it. */
  past?: boolean;
}

/** Below the board on a wall: the page's own bottom padding (p-6). */
const PROJECTOR_BOTTOM_PX = 24;
/** Around the plot inside its panel: the figure's padding above and below (p-3) and the panel's below (p-4). */
const CHART_PANEL_PADDING_PX = 12 + 12 + 16;

/**
 * The live class board: ranks, every curve, the cells compared, the settings that worked, and a podium.
 * It holds the board state itself, so the pushes a few times a second re-render only this subtree.
 */
export const ClassBoard = memo(function ClassBoard({ round, ended, ready, projector, past = false }: Props) {
  const board = useBoard(round, 'host', ready);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const cells = useCellSummaries(board);
  const select = useCallback((runId: string) => setHighlighted((h) => (h === runId ? null : runId)), []);
  const fill = useFillHeight(projector, PROJECTOR_BOTTOM_PX, 320);
  if (!board) return null;

  return (
    <section aria-label="Class board" className="flex flex-col gap-6">
      {past && (
        <details className="rounded-xl bg-slate-900 p-4" data-testid="past-challenge">
          <summary className="cursor-pointer text-lg">
            Round {round} was played with: {board.challenge.title}
          </summary>
          <div className="mt-3">
            <ChallengeSummary challenge={board.challenge} />
          </div>
        </details>
      )}
      {/* grid-cols-1 is minmax(0, 1fr): on a phone a wide table scrolls in its panel instead of widening the page. */}
      {ended && (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Podium runs={board.runs} metric={board.rankingMetric} projector={projector} />
          <CellComparison {...cells} projector={projector} />
        </div>
      )}
      {/* Normal view: the leaderboard sits beside the chart only where all its columns fit (2xl); on a wall,
          half the width is enough for its five. */}
      <div
        ref={fill.ref}
        style={fill.height === null ? undefined : { height: fill.height }}
        className={`grid gap-6 ${projector ? 'grid-cols-2 grid-rows-[minmax(0,1fr)]' : 'grid-cols-1 2xl:grid-cols-[minmax(0,1fr)_54rem]'}`}
      >
        <div className="min-w-0 rounded-xl bg-slate-900 p-4">
          <h2 className="mb-2 text-xl font-semibold">Validation loss of every run</h2>
          <ConvergenceChart
            runs={board.runs}
            curves={board.curves}
            highlightedRunId={highlighted}
            onSelect={select}
            projector={projector}
            fillBelowPx={projector ? PROJECTOR_BOTTOM_PX + CHART_PANEL_PADDING_PX : undefined}
          />
        </div>
        <Leaderboard
          runs={board.runs}
          budgetSteps={board.budgetSteps}
          metric={board.rankingMetric}
          highlightedRunId={highlighted}
          onSelect={select}
          projector={projector}
          maxHeightClass={projector ? 'max-h-full' : 'max-h-[75vh]'}
          final={ended}
        />
      </div>
      {!ended && (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <CellComparison {...cells} projector={projector} />
          <div className="rounded-xl bg-slate-900 p-4">
            <HyperparameterScatter
              runs={board.runs}
              highlightedRunId={highlighted}
              onSelect={select}
              projector={projector}
            />
          </div>
        </div>
      )}
    </section>
  );
});
