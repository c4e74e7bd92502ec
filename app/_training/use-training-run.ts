'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { MetricsOutbox, METRICS_FLUSH_MS } from '../_realtime/metrics-outbox';
import { send } from '../_realtime/socket-client';
import { fetchText } from '../_realtime/texts';
import type { Challenge, RunConfig } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import { TRAINING_WORKER_PATH } from '@/lib/protocol/http-paths';
import { MAX_POINTS_PER_RUN, type MetricPoint, type RunMineReply } from '@/lib/protocol/run';
import type { BackendName } from './backend-names';
import type { FromWorker, InspectionMessage, ToWorker } from './worker-messages';

export type RunState = 'starting' | 'running' | 'paused' | 'finished' | 'error';

/** One of the student's runs, as this page knows it. */
export interface LocalRun {
  id: string;
  config: RunConfig;
  state: RunState;
  outcome: 'completed' | 'stopped' | null;
  step: number;
  tokensPerSec: number;
  elapsedMs: number;
  points: Omit<MetricPoint, 'seq'>[];
  backend: BackendName | null;
  inspection: InspectionMessage | null;
  error: string | null;
}

/** A point at most every this many steps, and never more than the server keeps per run. */
function reportInterval(budgetSteps: number): number {
  return Math.max(5, Math.ceil(budgetSteps / (MAX_POINTS_PER_RUN / 2)));
}
/** A validation pass costs a few training steps; every fifth report keeps its share small. */
const EVALS_PER_REPORT = 5;
/** Gates, gradients and a sample: every fourth validation pass. */
const INSPECTS_PER_EVAL = 4;

function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `run-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface Active {
  runId: string;
  worker: Worker;
  outbox: MetricsOutbox;
  /** Set when the worker is done; `run:finish` goes out once every point is acknowledged. */
  outcome: 'completed' | 'stopped' | null;
  finishSent: boolean;
}

/**
 * Trains runs in a Web Worker and streams their metrics to the server. Points wait in an outbox until
 * acknowledged, so a dropped connection delays them but loses none; the run is reported finished only
 * after its last point is stored.
 */
export function useTrainingRun(code: string, challenge: Challenge, backend: BackendName | undefined) {
  const [runs, setRuns] = useState<LocalRun[]>([]);
  const [unsynced, setUnsynced] = useState(0);
  const [sent, setSent] = useState(0);
  const [temperature, setTemperatureState] = useState(1);
  const active = useRef<Active | null>(null);

  const update = useCallback((runId: string, change: (run: LocalRun) => LocalRun) => {
    setRuns((all) => all.map((r) => (r.id === runId ? change(r) : r)));
  }, []);

  const sync = useCallback(async () => {
    const current = active.current;
    if (!current) return;
    await current.outbox.flush();
    setUnsynced(current.outbox.backlog);
    setSent(current.outbox.acknowledged);
    if (current.outcome && current.outbox.backlog === 0 && !current.finishSent) {
      current.finishSent = true;
      try {
        await send(ClientEvent.RunFinish, { runId: current.runId, outcome: current.outcome });
      } catch {
        current.finishSent = false;
      }
    }
  }, []);

  useEffect(() => {
    const timer = setInterval(() => void sync(), METRICS_FLUSH_MS);
    return () => {
      clearInterval(timer);
      active.current?.worker.terminate();
    };
  }, [sync]);

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
          current.outbox.add(point);
          setUnsynced(current.outbox.backlog);
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
          current.outcome = message.outcome;
          current.worker.terminate();
          update(runId, (r) => ({ ...r, state: 'finished', outcome: message.outcome, step: message.step }));
          void sync();
          break;
        case 'error':
          current.outcome = 'stopped';
          current.worker.terminate();
          update(runId, (r) => ({ ...r, state: 'error', error: message.message }));
          break;
      }
    },
    [sync, update],
  );

  /** Registers the run with the server, then starts training it. Rejects with the server's refusal. */
  const start = useCallback(
    async (config: Omit<RunConfig, 'seed'>) => {
      const runId = newRunId();
      const full: RunConfig = { ...config, seed: crypto.getRandomValues(new Uint32Array(1))[0] >>> 1 };
      const { textId } = challenge.task.params;
      const text = typeof textId === 'string' ? await fetchText(code, textId) : undefined;
      await send(ClientEvent.RunStart, { runId, config: full });
      const worker = new Worker(TRAINING_WORKER_PATH, { type: 'module' });
      const outbox = new MetricsOutbox(runId, async (id, points) => {
        await send(ClientEvent.RunMetrics, { runId: id, points });
      });
      active.current = { runId, worker, outbox, outcome: null, finishSent: false };
      setUnsynced(0);
      setSent(0);
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
        task: challenge.task,
        config: full,
        budgetSteps: challenge.budgetSteps,
        reportEvery,
        evalEvery: reportEvery * EVALS_PER_REPORT,
        inspectEvery: reportEvery * EVALS_PER_REPORT * INSPECTS_PER_EVAL,
        temperature,
        backend,
        text,
      };
      worker.postMessage(message);
    },
    [backend, challenge, code, onWorkerMessage, temperature],
  );

  const control = useCallback(
    (type: 'pause' | 'resume' | 'stop') => {
      const current = active.current;
      if (!current || current.outcome) return;
      current.worker.postMessage({ type } satisfies ToWorker);
      if (type !== 'stop') update(current.runId, (r) => ({ ...r, state: type === 'pause' ? 'paused' : 'running' }));
    },
    [update],
  );

  /**
   * Shows the runs the server kept for this student, after a reload. A run the server still counts as
   * running lost its worker with the old page, so it is reported stopped.
   */
  const restore = useCallback(({ runs: stored, points }: RunMineReply) => {
    if (active.current) return;
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
    for (const run of stored) {
      if (run.status === 'running')
        void send(ClientEvent.RunFinish, { runId: run.id, outcome: 'stopped' }).catch(() => undefined);
    }
  }, []);

  const setTemperature = useCallback((value: number) => {
    setTemperatureState(value);
    active.current?.worker.postMessage({ type: 'temperature', value } satisfies ToWorker);
  }, []);

  return {
    runs,
    /** Points made but not yet acknowledged by the server. */
    unsynced,
    /** Points of the current run the server has acknowledged. */
    sent,
    temperature,
    start,
    pause: () => control('pause'),
    resume: () => control('resume'),
    stop: () => control('stop'),
    setTemperature,
    restore,
    /** Sends what is waiting right away (after a reconnect, say). */
    sync,
  };
}
