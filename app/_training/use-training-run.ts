'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { RequestError } from '../_realtime/socket-client';
import { fetchText } from '../_realtime/texts';
import { ErrorCode } from '@/lib/protocol/errors';
import type { Challenge, RunConfig } from '@/lib/protocol/challenge';
import { TRAINING_WORKER_PATH } from '@/lib/protocol/http-paths';
import type { RunMineReply } from '@/lib/protocol/run';
import type { BackendName } from './backend-names';
import { blankRun, restoredRun, type LocalRun, type RunSink } from './local-run';
import { deleteCheckpoint, loadCheckpoint, pruneCheckpoints, type RunCheckpoint } from './run-checkpoints';
import { runSchedule, submitTarget } from './run-schedule';
import { useBackendChoice } from './use-backend-choice';
import type { FromWorker, ToWorker } from './worker-messages';

/** A run of an earlier page that can be resumed: its checkpoint and the seqs the server already holds. */
interface Resumable {
  checkpoint: RunCheckpoint;
  stored: ReadonlySet<number>;
}

/** Failures that say nothing about the run itself: the student can try to resume again. */
const TRANSIENT: ReadonlySet<RequestError['code']> = new Set(['TIMEOUT', ErrorCode.RateLimited, ErrorCode.Internal]);

interface Active {
  runId: string;
  worker: Worker;
  sink: RunSink;
  /** The worker finished or failed; it takes no more controls. */
  done: boolean;
  /** Resuming from a checkpoint, and the worker has not yet said it is ready. */
  loading: boolean;
}

/**
 * Trains the student's runs, one at a time, each in its own Web Worker (created on start, terminated
 * when it finishes, fails or the page goes), and keeps the page's list of runs. What the worker reports
 * goes to the run's sink as it arrives. A run started now belongs to `round`; the list keeps earlier
 * rounds' runs too (the page filters by LocalRun.round).
 */
export function useTrainingRun(
  code: string,
  participantId: string,
  challenge: Challenge,
  forcedBackend: BackendName | undefined,
  round: number,
  roundEnded: boolean,
) {
  const [runs, setRuns] = useState<LocalRun[]>([]);
  const backend = useBackendChoice(forcedBackend);
  const { decide } = backend;
  const [temperature, setTemperatureState] = useState(1);
  const active = useRef<Active | null>(null);
  const resumables = useRef(new Map<string, Resumable>());
  /** The page shows runs (started here or restored): a later `run:mine` reply must not replace them. */
  const shown = useRef(false);

  const update = useCallback((runId: string, change: (run: LocalRun) => LocalRun) => {
    setRuns((all) => all.map((r) => (r.id === runId ? change(r) : r)));
  }, []);

  useEffect(() => () => active.current?.worker.terminate(), []);

  // When the round ends, a run still training submits its best weights so far.
  useEffect(() => {
    const current = active.current;
    if (roundEnded && current && !current.done) current.worker.postMessage({ type: 'submit' } satisfies ToWorker);
  }, [roundEnded]);

  const onWorkerMessage = useCallback(
    (runId: string, message: FromWorker) => {
      const current = active.current;
      if (!current || current.runId !== runId) return;
      switch (message.type) {
        case 'ready':
          current.loading = false;
          update(runId, (r) => ({ ...r, state: 'running', backend: message.backend }));
          break;
        case 'checkpointed':
          update(runId, (r) => ({ ...r, savedStep: message.step }));
          break;
        case 'progress': {
          const { point } = message;
          current.sink.add(runId, point);
          update(runId, (r) => ({
            ...r,
            step: point.step,
            tokensPerSec: point.tokensPerSec ?? 0,
            elapsedMs: point.elapsedMs,
            points: [...r.points, point],
          }));
          break;
        }
        case 'inspection':
          update(runId, (r) => ({ ...r, inspection: message }));
          break;
        case 'finished':
          current.done = true;
          current.worker.terminate();
          update(runId, (r) => ({
            ...r,
            state: 'finished',
            outcome: message.outcome,
            step: message.step,
            savedStep: null,
            weightsSha256: message.weightsSha256,
          }));
          current.sink.end(runId, message.outcome);
          break;
        case 'error':
          current.done = true;
          current.worker.terminate();
          update(runId, (r) =>
            current.loading
              ? {
                  ...r,
                  state: 'interrupted',
                  interruption: `Its saved progress could not be loaded (${message.message}).`,
                }
              : { ...r, state: 'error', error: message.message },
          );
          current.sink.end(runId, 'stopped');
          break;
      }
    },
    [update],
  );

  /** Starts the run's worker on `message`; its reports go to `onWorkerMessage`. */
  const launch = useCallback(
    (runId: string, sink: RunSink, message: Extract<ToWorker, { type: 'start' }>) => {
      const worker = new Worker(TRAINING_WORKER_PATH, { type: 'module' });
      active.current = { runId, worker, sink, done: false, loading: message.resumeFrom !== undefined };
      worker.onmessage = (event: MessageEvent<FromWorker>) => onWorkerMessage(runId, event.data);
      worker.onerror = (event) =>
        onWorkerMessage(runId, { type: 'error', message: event.message || 'The training worker failed.' });
      worker.postMessage(message);
    },
    [onWorkerMessage],
  );

  /** The instructor's text, for the text task. */
  const taskText = useCallback(async () => {
    const { textId } = challenge.task.params;
    return typeof textId === 'string' ? await fetchText(code, textId) : undefined;
  }, [challenge, code]);

  /** Registers the run through `sink`, then starts training it. Rejects with the refusal. */
  const start = useCallback(
    async (config: RunConfig, sink: RunSink) => {
      const setup = { task: challenge.task, config, text: await taskText() };
      const decided = await decide(setup);
      const runId = await sink.begin(config);
      shown.current = true;
      setRuns((all) => [...all, blankRun(runId, config, round)]);
      launch(runId, sink, {
        type: 'start',
        ...setup,
        ...runSchedule(challenge.budgetSteps),
        temperature,
        backend: decided.backend,
        checkpoint: { code, participantId, runId },
        submit: submitTarget(code, runId),
      });
    },
    [decide, challenge, code, launch, participantId, round, taskText, temperature],
  );

  /** Marks a run of an earlier page as unable to go on, forgets its checkpoint and tells the server. */
  const interrupt = useCallback(
    (runId: string, reason: string, abandon: (runId: string) => void) => {
      resumables.current.delete(runId);
      void deleteCheckpoint({ code, participantId, runId }).catch(() => undefined);
      update(runId, (r) => ({ ...r, state: 'interrupted', interruption: reason, savedStep: null }));
      abandon(runId);
    },
    [code, participantId, update],
  );

  /**
   * Continues a resumable run from its checkpoint under the same run id and outbox numbering; a refusal
   * (the round ended, its settings are no longer allowed) leaves it interrupted with the reason. Rejects,
   * leaving it resumable, when the server could not answer (try again).
   */
  const resumeRun = useCallback(
    async (runId: string, sink: RunSink) => {
      const resumable = resumables.current.get(runId);
      if (!resumable) return;
      const { checkpoint, stored } = resumable;
      try {
        await sink.rejoin(runId, checkpoint.config, checkpoint.points, stored);
      } catch (err) {
        if (err instanceof RequestError && TRANSIENT.has(err.code)) throw err;
        interrupt(runId, err instanceof Error ? err.message : String(err), sink.abandon);
        return;
      }
      resumables.current.delete(runId);
      update(runId, (r) => ({
        ...r,
        state: 'starting',
        step: checkpoint.trainer.step,
        elapsedMs: checkpoint.elapsedMs,
        points: checkpoint.points,
        savedStep: checkpoint.trainer.step,
      }));
      launch(runId, sink, {
        type: 'start',
        task: checkpoint.task,
        config: checkpoint.config,
        text: await taskText(),
        budgetSteps: checkpoint.budgetSteps,
        reportEvery: checkpoint.reportEvery,
        evalEvery: checkpoint.evalEvery,
        inspectEvery: checkpoint.inspectEvery,
        temperature,
        backend: checkpoint.backend,
        checkpoint: { code, participantId, runId },
        submit: submitTarget(code, runId),
        resumeFrom: checkpoint,
      });
    },
    [code, interrupt, launch, participantId, taskText, temperature, update],
  );

  /** Gives up every resumable run: the student chose not to resume, or the round ended. */
  const discardResumable = useCallback(
    (reason: string, abandon: (runId: string) => void) => {
      for (const runId of resumables.current.keys()) interrupt(runId, reason, abandon);
    },
    [interrupt],
  );

  const control = useCallback(
    (type: 'pause' | 'resume' | 'stop') => {
      const current = active.current;
      if (!current || current.done) return;
      current.worker.postMessage({ type } satisfies ToWorker);
      if (type !== 'stop') update(current.runId, (r) => ({ ...r, state: type === 'pause' ? 'paused' : 'running' }));
    },
    [update],
  );

  /**
   * Shows the runs the server kept for this student (after a reload), unless this page has runs already. A
   * run the server still counts as running becomes resumable when this browser holds its checkpoint, and
   * interrupted otherwise (the server hears it through `abandon`).
   */
  const restore = useCallback(
    async ({ runs: stored, points }: RunMineReply, abandon: (runId: string) => void) => {
      await pruneCheckpoints(Date.now()).catch(() => 0);
      const checkpoints = await Promise.all(
        stored.map((run) =>
          run.status === 'running'
            ? loadCheckpoint({ code, participantId, runId: run.id }).catch(() => 'none' as const)
            : null,
        ),
      );
      if (shown.current || stored.length === 0) return;
      shown.current = true;
      setRuns(stored.map((run, i) => restoredRun(run, points[run.id] ?? [], checkpoints[i])));
      stored.forEach((run, i) => {
        const found = checkpoints[i];
        if (typeof found === 'string') {
          void deleteCheckpoint({ code, participantId, runId: run.id }).catch(() => undefined);
          abandon(run.id);
        } else if (found) {
          resumables.current.set(run.id, {
            checkpoint: found,
            stored: new Set((points[run.id] ?? []).map((p) => p.seq)),
          });
        }
      });
    },
    [code, participantId],
  );

  const setTemperature = useCallback((value: number) => {
    setTemperatureState(value);
    active.current?.worker.postMessage({ type: 'temperature', value } satisfies ToWorker);
  }, []);

  return {
    runs,
    backend,
    temperature,
    start,
    pause: () => control('pause'),
    resume: () => control('resume'),
    stop: () => control('stop'),
    setTemperature,
    restore,
    resumeRun,
    discardResumable,
  };
}
