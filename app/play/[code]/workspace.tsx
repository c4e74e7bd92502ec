'use client';

import { useEffect, useRef, useState } from 'react';
import { Leaderboard } from '../../_components/board/leaderboard';
import { LossChart } from '../../_components/charts/loss-chart';
import { CELL_COLORS } from '../../_components/charts/palette';
import { RunConfigForm, draftViolations } from '../../_components/training/run-config-form';
import { BackendControl } from '../../_components/training/backend-control';
import { TrainingProgress } from '../../_components/training/training-progress';
import { StatusBanner } from '../../_components/status-banner';
import type { BackendName } from '../../_training/backend-names';
import { useTrainingRun } from '../../_training/use-training-run';
import { useBoard } from '../../_realtime/use-board';
import { useRunStream } from '../../_realtime/use-run-stream';
import type { SessionView } from '@/lib/protocol/schemas';
import { RunInsights } from './run-insights';
import { RoundResults } from './round-results';
import { ResumeOffer } from './resume-offer';
import { RoundPicker } from './round-picker';
import { RunHistory } from './run-history';
import { settingsLinkNotice } from '../../_components/training/settings-link';
import { SettingsLinkBanner } from './settings-link-banner';
import { progressState, roundsWithRuns, runsOfRound } from './run-rounds';
import { useConfigInUrl } from './use-config-in-url';

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
  const { draft, setDraft, seed, nextSeed } = useConfigInUrl(challenge);
  const [startError, setStartError] = useState<string | null>(null);
  // Read once, from the address the page opened with (a settings link), before the URL follows the form.
  const [linkNotice, setLinkNotice] = useState(() =>
    settingsLinkNotice(new URLSearchParams(window.location.search), challenge),
  );
  const primaryRef = useRef<HTMLButtonElement>(null);
  const training = useTrainingRun(session.code, participantId, challenge, backend, round.index, ended);
  // Streams the run to the server and, after a reload, brings back this round's earlier runs.
  const stream = useRunStream(connected, round.index, training.restore);
  const current = training.runs.at(-1);
  const busy =
    current !== undefined &&
    (current.state === 'starting' || current.state === 'running' || current.state === 'paused');
  const roundRuns = runsOfRound(training.runs, round.index).length;
  // The charts and "Your runs" show one round: the current one, or an earlier one the student picks.
  const [pickedRound, setPickedRound] = useState<number | null>(null);
  // A new round starts on its own runs, whatever earlier round was picked.
  const [pickedIn, setPickedIn] = useState(round.index);
  if (pickedIn !== round.index) {
    setPickedIn(round.index);
    setPickedRound(null);
  }
  const rounds = roundsWithRuns(training.runs, round.index);
  const shownRound = pickedRound !== null && pickedRound < round.index ? pickedRound : round.index;
  const shownRuns = runsOfRound(training.runs, shownRound);
  const shownRun = shownRuns.at(-1);
  // A new round starts with an empty panel, unless a run of the last one is still going.
  const progressRun = current && (current.round === round.index || busy) ? current : undefined;
  const violations = draftViolations(challenge, draft, session.task.vocabSize);
  const resumable = current?.state === 'resumable';

  // A run of an earlier page cannot go on once the round is over.
  const { discardResumable } = training;
  const { abandon } = stream;
  const roundRunning = round.status === 'running';
  useEffect(() => {
    if (resumable && !roundRunning) discardResumable('The round ended before the run was resumed.', abandon);
  }, [resumable, roundRunning, discardResumable, abandon]);

  const blocker =
    round.status !== 'running'
      ? ended
        ? 'The round has ended: the results are on the right.'
        : 'Waiting for the instructor to start the round.'
      : resumable
        ? 'Resume or discard your interrupted run first.'
        : roundRuns >= challenge.runsPerStudent
          ? `You have used all ${challenge.runsPerStudent} runs of this round.`
          : null;

  const train = () => {
    setStartError(null);
    training
      .start({ ...draft, seed }, stream)
      .then(nextSeed)
      .catch((err: unknown) => setStartError(err instanceof Error ? err.message : String(err)));
  };

  const primary = !busy
    ? {
        label: 'Train',
        onClick: train,
        disabled: blocker !== null || violations.length > 0 || training.backend.measuring,
        className: 'bg-amber-400 text-slate-950',
      }
    : current.state === 'paused'
      ? { label: 'Resume', onClick: training.resume, disabled: false, className: 'bg-sky-500 text-slate-950' }
      : { label: 'Pause', onClick: training.pause, disabled: current.state === 'starting', className: 'bg-slate-700' };

  // The offer and the reason lead the page: a reloaded page opens at its top, where they are seen first.
  return (
    <div className="flex flex-col gap-6">
      {resumable && roundRunning && (
        <ResumeOffer
          run={current}
          budgetSteps={challenge.budgetSteps}
          onResume={() => training.resumeRun(current.id, stream)}
          onDiscard={() => discardResumable('You chose not to resume it.', abandon)}
        />
      )}
      {linkNotice && <SettingsLinkBanner notice={linkNotice} onDismiss={() => setLinkNotice(null)} />}
      {current?.state === 'interrupted' && (
        <StatusBanner tone="warn">Your last run was interrupted: {current.interruption}</StatusBanner>
      )}
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
          {blocker && !busy && !resumable && <StatusBanner tone="info">{blocker}</StatusBanner>}
          {startError && <StatusBanner tone="error">{startError}</StatusBanner>}
          <div className="flex gap-2">
            {/* One element that turns Train → Pause ⇄ Resume → Train, so keyboard focus stays on it. While it
                cannot act it is aria-disabled: a natively disabled button would drop the focus to the page. */}
            <button
              ref={primaryRef}
              type="button"
              onClick={primary.disabled ? undefined : primary.onClick}
              aria-disabled={primary.disabled}
              className={`flex-1 rounded-lg px-4 py-2 font-semibold aria-disabled:cursor-not-allowed aria-disabled:opacity-40 ${primary.className}`}
            >
              {primary.label}
            </button>
            {busy && (
              <button
                type="button"
                onClick={() => {
                  training.stop();
                  primaryRef.current?.focus();
                }}
                className="flex-1 rounded-lg bg-red-900 px-4 py-2 font-semibold"
              >
                Stop
              </button>
            )}
          </div>
          <TrainingProgress
            step={progressRun?.step ?? 0}
            budgetSteps={challenge.budgetSteps}
            tokensPerSec={progressRun?.tokensPerSec ?? 0}
            elapsedMs={progressRun?.elapsedMs ?? 0}
            state={progressState(progressRun)}
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
            {busy && current.savedStep !== null && (
              <span data-testid="saved-step" data-step={current.savedStep}>
                {' '}
                · progress saved in this browser at step {current.savedStep}
              </span>
            )}
          </p>
          {current?.error && <StatusBanner tone="error">{current.error}</StatusBanner>}
        </section>

        <section aria-label="Results" className="flex min-w-0 flex-col gap-6">
          {ended && board && (
            <RoundResults board={board} participantId={participantId} code={session.code} title={challenge.title} />
          )}
          {rounds.length > 1 && (
            <RoundPicker rounds={rounds} current={round.index} shown={shownRound} onShow={setPickedRound} />
          )}
          <div className="rounded-xl bg-slate-900 p-4">
            <h3 className="mb-2 font-semibold">
              Loss (bits per token) by step{rounds.length > 1 ? `, round ${shownRound}` : ''}
            </h3>
            <LossChart
              metric="both"
              runs={shownRuns.map((run, i) => ({
                id: run.id,
                label: `#${i + 1} ${run.config.cell.toUpperCase()} h${run.config.hiddenSize}`,
                color: CELL_COLORS[run.config.cell],
                muted: run !== shownRun,
                points: run.points,
              }))}
            />
          </div>
          {shownRun && (
            <RunInsights
              run={shownRun}
              runs={shownRuns}
              temperature={training.temperature}
              onTemperatureChange={training.setTemperature}
            />
          )}
          {shownRuns.length > 0 && <RunHistory runs={shownRuns} />}
          {board && board.runs.length > 0 && (
            <div className="rounded-xl bg-slate-900 p-4">
              <h3 className="mb-2 font-semibold">Class board</h3>
              <Leaderboard
                runs={board.runs}
                budgetSteps={board.budgetSteps}
                metric={board.rankingMetric}
                selfParticipantId={participantId}
                final={ended}
                compact
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
