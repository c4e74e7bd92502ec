'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchText } from '../_realtime/texts';
import type { Challenge, RunConfig } from '@/lib/protocol/challenge';
import { TRAINING_WORKER_PATH, weightsPath } from '@/lib/protocol/http-paths';
import { credentials } from '../_realtime/credentials';
import { MAX_POINTS_PER_RUN, type MetricPoint, type RunFinishRequest, type RunMineReply } from '@/lib/protocol/run';
import { clearCachedTimings, type BackendChoice } from './backend-choice';
import type { BackendName } from './backend-names';
import { decideBackend, type BackendDecision } from './backend-probe';
import type { FromWorker, InspectionMessage, ToWorker } from './worker-messages';

export type RunState = 'starting' | 'running' | 'paused' | 'finished' | 'error';
type Outcome = RunFinishRequest['outcome'];

/** One of the student's runs, as this page knows it. */
export interface LocalRun {
  id: string;
  config: RunConfig;
  state: RunState;
  outcome: Outcome | null;
  step: number;
  tokensPerSec: number;
  elapsedMs: number;
  points: Omit<MetricPoint, 'seq'>[];
  backend: BackendName | null;
  inspection: InspectionMessage | null;
  error: string | null;
}

/** Where a run's life is reported beyond the page: the server, through `useRunStream`. */
export interface RunSink {
  /** Registers the run before its worker starts and resolves with its id; rejects with a refusal. */
  begin(config: RunConfig): Promise<string>;
  add(runId: string, point: Omit<MetricPoint, 'seq'>): void;
  end(runId: string, outcome: Outcome): void;
}

/** A point at most every this many steps, and never more than the server keeps per run. */
function reportInterval(budgetSteps: number): number {
  return Math.max(5, Math.ceil(budgetSteps / (MAX_POINTS_PER_RUN / 2)));
}
/** A validation pass costs a few training steps; every fifth report keeps its share small. */
const EVALS_PER_REPORT = 5;
/** Gates, gradients and a sample: every fourth validation pass. */
const INSPECTS_PER_EVAL = 4;

interface Active {
  runId: string;
  worker: Worker;
  sink: RunSink;
  /** The worker finished or failed; it takes no more controls. */
  done: boolean;
}

/**
 * Trains the student's runs, one at a time, each in its own Web Worker (created on start, terminated
 * when it finishes, fails or the page goes), and keeps the page's list of runs. What the worker reports
 * goes to the run's sink as it arrives.
 */
export function useTrainingRun(
  code: string,
  challenge: Challenge,
  forcedBackend: BackendName | undefined,
  roundEnded: boolean,
) {
  const [runs, setRuns] = useState<LocalRun[]>([]);
  const [backendChoice, setBackendChoiceState] = useState<BackendChoice>(forcedBackend ?? 'auto');
  const [decision, setDecision] = useState<BackendDecision | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [temperature, setTemperatureState] = useState(1);
  const active = useRef<Active | null>(null);

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
          update(runId, (r) => ({ ...r, state: 'running', backend: message.backend }));
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
          update(runId, (r) => ({ ...r, state: 'finished', outcome: message.outcome, step: message.step }));
          current.sink.end(runId, message.outcome);
          break;
        case 'error':
          current.done = true;
          current.worker.terminate();
          update(runId, (r) => ({ ...r, state: 'error', error: message.message }));
          current.sink.end(runId, 'stopped');
          break;
      }
    },
    [update],
  );

  /** Registers the run through `sink`, then starts training it. Rejects with the refusal. */
  const start = useCallback(
    async (config: Omit<RunConfig, 'seed'>, sink: RunSink) => {
      const full: RunConfig = { ...config, seed: crypto.getRandomValues(new Uint32Array(1))[0] >>> 1 };
      const { textId } = challenge.task.params;
      const text = typeof textId === 'string' ? await fetchText(code, textId) : undefined;
      const setup = { task: challenge.task, config: full, text };
      const decided = await decideBackend(backendChoice, setup, () => setMeasuring(true)).finally(() =>
        setMeasuring(false),
      );
      setDecision(decided);
      const runId = await sink.begin(full);
      const worker = new Worker(TRAINING_WORKER_PATH, { type: 'module' });
      active.current = { runId, worker, sink, done: false };
      setRuns((all) => [
        ...all,
        {
          id: runId,
          config: full,
          state: 'starting',
          outcome: null,
          step: 0,
          tokensPerSec: 0,
          elapsedMs: 0,
          points: [],
          backend: null,
          inspection: null,
          error: null,
        },
      ]);
      worker.onmessage = (event: MessageEvent<FromWorker>) => onWorkerMessage(runId, event.data);
      worker.onerror = (event) =>
        onWorkerMessage(runId, { type: 'error', message: event.message || 'The training worker failed.' });
      const reportEvery = reportInterval(challenge.budgetSteps);
      const message: ToWorker = {
        type: 'start',
        ...setup,
        budgetSteps: challenge.budgetSteps,
        reportEvery,
        evalEvery: reportEvery * EVALS_PER_REPORT,
        inspectEvery: reportEvery * EVALS_PER_REPORT * INSPECTS_PER_EVAL,
        temperature,
        backend: decided.backend,
        submit: { url: weightsPath(code, runId), token: credentials.student(code)?.token ?? '' },
      };
      worker.postMessage(message);
    },
    [backendChoice, challenge, code, onWorkerMessage, temperature],
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

  /** Shows the runs the server kept for this student (after a reload), unless this page has runs already. */
  const restore = useCallback(({ runs: stored, points }: RunMineReply) => {
    setRuns((current) =>
      current.length > 0
        ? current
        : stored.map((run) => ({
            id: run.id,
            config: run.config,
            state: 'finished',
            outcome: run.status === 'completed' ? 'completed' : 'stopped',
            step: run.lastStep,
            tokensPerSec: 0,
            elapsedMs: points[run.id]?.at(-1)?.elapsedMs ?? 0,
            points: points[run.id] ?? [],
            backend: null,
            inspection: null,
            error: null,
          })),
    );
  }, []);

  const setTemperature = useCallback((value: number) => {
    setTemperatureState(value);
    active.current?.worker.postMessage({ type: 'temperature', value } satisfies ToWorker);
  }, []);

  /** Choosing 'auto' (again) forgets this device's stored probes: the next run measures again. */
  const setBackendChoice = useCallback((choice: BackendChoice) => {
    if (choice === 'auto') {
      clearCachedTimings(localStorage);
      setDecision(null);
    }
    setBackendChoiceState(choice);
  }, []);

  return {
    runs,
    backend: { choice: backendChoice, setChoice: setBackendChoice, decision, measuring },
    temperature,
    start,
    pause: () => control('pause'),
    resume: () => control('resume'),
    stop: () => control('stop'),
    setTemperature,
    restore,
  };
}
