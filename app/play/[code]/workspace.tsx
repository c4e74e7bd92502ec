'use client';

import { useEffect, useState } from 'react';
import { Leaderboard } from '../../_components/board/leaderboard';
import { LossChart } from '../../_components/charts/loss-chart';
import { CELL_COLORS } from '../../_components/charts/palette';
import { RunConfigForm, draftViolations, type DraftConfig } from '../../_components/training/run-config-form';
import { BackendControl } from '../../_components/training/backend-control';
import { TrainingProgress } from '../../_components/training/training-progress';
import { StatusBanner } from '../../_components/status-banner';
import type { BackendName } from '../../_training/backend-names';
import { useTrainingRun, type LocalRun } from '../../_training/use-training-run';
import { useBoard } from '../../_realtime/use-board';
import { useRunStream } from '../../_realtime/use-run-stream';
import type { SessionView } from '@/lib/protocol/schemas';
import { RunInsights } from './run-insights';
import { RoundResults } from './round-results';
import { RunHistory } from './run-history';

const progressState = (run: LocalRun | undefined) => (!run ? 'idle' : run.state === 'starting' ? 'running' : run.state);

/** Configure, train, and watch: everything a student does during a round. */
interface Props {
  session: SessionView;
  participantId: string;
  connected: boolean;
  backend?: BackendName;
}

export function Workspace({ session, participantId, connected, backend }: Props) {
  const { challenge, round } = session;
  const ended = round.status === 'ended';
  const board = useBoard(round.index, 'student', connected, ended);
  const [draft, setDraft] = useState<DraftConfig>(challenge.defaults);
  const [startError, setStartError] = useState<string | null>(null);
  const training = useTrainingRun(session.code, challenge, backend, ended);
  // Streams the run to the server and, after a reload, brings back this round's earlier runs.
  const stream = useRunStream(connected, round.index, training.restore);
  const current = training.runs.at(-1);
  const busy =
    current !== undefined &&
    (current.state === 'starting' || current.state === 'running' || current.state === 'paused');
  const roundRuns = training.runs.length;
  const violations = draftViolations(challenge, draft, session.task.vocabSize);

  // A new challenge brings new defaults and bounds. Every session:state carries a fresh copy of the
  // same challenge (someone joined, say), so compare by content, or the student's edits would be lost.
  const challengeKey = JSON.stringify(challenge);
  useEffect(() => setDraft(JSON.parse(challengeKey).defaults), [challengeKey]);

  const blocker =
    round.status !== 'running'
      ? ended
        ? 'The round has ended: the results are on the right.'
        : 'Waiting for the instructor to start the round.'
      : roundRuns >= challenge.runsPerStudent
        ? `You have used all ${challenge.runsPerStudent} runs of this round.`
        : null;

  const train = () => {
    setStartError(null);
    training
      .start(draft, stream)
      .catch((err: unknown) => setStartError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <section aria-label="Your run" className="flex flex-col gap-4 rounded-xl bg-slate-900 p-4">
        <div>
          <h2 className="text-xl font-semibold">{challenge.title}</h2>
          <p className="text-sm text-slate-400">
            Round {round.index || '–'} · {challenge.budgetSteps} steps per run · {challenge.runsPerStudent} runs each
          </p>
        </div>
        <RunConfigForm
          challenge={challenge}
          vocabSize={session.task.vocabSize}
          draft={draft}
          onChange={setDraft}
          disabled={busy}
        />
        {blocker && !busy && <StatusBanner tone="info">{blocker}</StatusBanner>}
        {startError && <StatusBanner tone="error">{startError}</StatusBanner>}
        <div className="flex gap-2">
          {!busy && (
            <button
              type="button"
              onClick={train}
              disabled={blocker !== null || violations.length > 0 || training.backend.measuring}
              className="flex-1 rounded-lg bg-amber-400 px-4 py-2 font-semibold text-slate-950 disabled:opacity-40"
            >
              Train
            </button>
          )}
          {busy && current.state === 'paused' && (
            <button
              type="button"
              onClick={training.resume}
              className="flex-1 rounded-lg bg-sky-500 px-4 py-2 font-semibold text-slate-950"
            >
              Resume
            </button>
          )}
          {busy && current.state !== 'paused' && (
            <button
              type="button"
              onClick={training.pause}
              disabled={current.state === 'starting'}
              className="flex-1 rounded-lg bg-slate-700 px-4 py-2 font-semibold"
            >
              Pause
            </button>
          )}
          {busy && (
            <button
              type="button"
              onClick={training.stop}
              className="flex-1 rounded-lg bg-red-900 px-4 py-2 font-semibold"
            >
              Stop
            </button>
          )}
        </div>
        <TrainingProgress
          step={current?.step ?? 0}
          budgetSteps={challenge.budgetSteps}
          tokensPerSec={current?.tokensPerSec ?? 0}
          elapsedMs={current?.elapsedMs ?? 0}
          state={progressState(current)}
        />
        <BackendControl
          choice={training.backend.choice}
          onChoiceChange={training.backend.setChoice}
          decision={training.backend.decision}
          measuring={training.backend.measuring}
          disabled={busy || training.backend.measuring}
        />
        <p
          className="text-sm text-slate-400"
          data-testid="sync-status"
          data-unsynced={stream.unsynced}
          data-sent={stream.sent}
        >
          {current?.backend && (
            <span>
              Backend: <span data-testid="backend">{current.backend}</span> ·{' '}
            </span>
          )}
          {stream.unsynced > 0
            ? `${stream.unsynced} points waiting to be sent`
            : current
              ? `All ${stream.sent} points sent`
              : 'Nothing sent yet'}
        </p>
        {current?.error && <StatusBanner tone="error">{current.error}</StatusBanner>}
      </section>

      <section aria-label="Results" className="flex min-w-0 flex-col gap-6">
        {ended && board && <RoundResults board={board} participantId={participantId} />}
        <div className="rounded-xl bg-slate-900 p-4">
          <h3 className="mb-2 font-semibold">Loss (bits per token) by step</h3>
          <LossChart
            metric="both"
            runs={training.runs.map((run) => ({
              id: run.id,
              label: `${run.config.cell.toUpperCase()} h${run.config.hiddenSize}`,
              color: CELL_COLORS[run.config.cell],
              muted: run !== current,
              points: run.points,
            }))}
          />
        </div>
        {current && (
          <RunInsights
            run={current}
            runs={training.runs}
            temperature={training.temperature}
            onTemperatureChange={training.setTemperature}
          />
        )}
        {training.runs.length > 0 && <RunHistory runs={training.runs} />}
        {board && board.runs.length > 0 && (
          <div className="rounded-xl bg-slate-900 p-4">
            <h3 className="mb-2 font-semibold">Class board</h3>
            <Leaderboard
              runs={board.runs}
              budgetSteps={board.budgetSteps}
              metric={board.rankingMetric}
              selfParticipantId={participantId}
              final={ended}
            />
          </div>
        )}
      </section>
    </div>
  );
}
