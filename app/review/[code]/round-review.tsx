'use client';

import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { CellComparison } from '../../_components/board/cell-comparison';
import { ConvergenceChart } from '../../_components/board/convergence-chart';
import { Leaderboard } from '../../_components/board/leaderboard';
import { Podium } from '../../_components/board/podium';
import { useCellSummaries } from '../../_components/board/use-cell-summaries';
import { ChallengeSummary } from '../../_components/challenge-summary';
import { boardAt, boardPointCount, type RoundReplay } from '@/lib/domain/replay';
import { ReplayBar } from './replay-bar';
import { RunDetails } from './run-details';

/**
 * One round after class: its board (podium, every curve, the leaderboard, the cells compared) as it stood
 * at the replay's position, the challenge it was played with, and the details of a chosen run.
 */
export function RoundReview({ replay, code }: { replay: RoundReplay; code: string }) {
  const duration = replay.end - replay.start;
  // null: the end of the round, which stays the end when a refresh of a live round moves it.
  const [position, setPosition] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const shown = position ?? duration;
  // Scrubbing fast, the slider keeps up and the board follows as rendering allows.
  const deferred = useDeferredValue(shown);
  const board = useMemo(() => boardAt(replay, replay.start + deferred), [replay, deferred]);
  const cells = useCellSummaries(board);
  const select = useCallback((runId: string) => setSelected((s) => (s === runId ? null : runId)), []);
  const seek = useCallback((p: number) => setPosition(p >= duration ? null : p), [duration]);
  const selectedRun = replay.runs.find((r) => r.run.id === selected)?.run;

  return (
    <div className="flex flex-col gap-6">
      <details className="rounded-xl bg-slate-900 p-4">
        <summary className="cursor-pointer text-lg">Challenge: {replay.challenge.title}</summary>
        <div className="mt-3">
          <ChallengeSummary challenge={replay.challenge} />
        </div>
      </details>
      {replay.runs.length === 0 ? (
        <p className="text-slate-300">Nobody trained a run in this round.</p>
      ) : (
        <>
          <ReplayBar
            duration={duration}
            position={shown}
            playing={playing}
            onSeek={seek}
            onPlayingChange={setPlaying}
            points={boardPointCount(board)}
          />
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <Podium runs={board.runs} metric={board.rankingMetric} />
            <CellComparison {...cells} />
          </div>
          <div className="grid grid-cols-1 gap-6 2xl:grid-cols-[minmax(0,1fr)_54rem]">
            <div className="min-w-0 rounded-xl bg-slate-900 p-4">
              <h2 className="mb-2 text-xl font-semibold">Validation loss of every run</h2>
              <ConvergenceChart runs={board.runs} curves={board.curves} highlightedRunId={selected} onSelect={select} />
            </div>
            <Leaderboard
              runs={board.runs}
              budgetSteps={board.budgetSteps}
              metric={board.rankingMetric}
              highlightedRunId={selected}
              onSelect={select}
              final={deferred >= duration}
              maxHeightClass="max-h-[75vh]"
            />
          </div>
          {selectedRun ? (
            <RunDetails run={selectedRun} task={replay.challenge.task} code={code} onClose={() => setSelected(null)} />
          ) : (
            <p className="text-slate-300">Choose a run on the leaderboard or the chart to see its details.</p>
          )}
        </>
      )}
    </div>
  );
}
