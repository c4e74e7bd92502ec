'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunConfig } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint, RunFinishRequest, RunMineReply } from '@/lib/protocol/run';
import { MetricsOutbox, METRICS_FLUSH_MS, type SendBatch } from './metrics-outbox';
import { send } from './socket-client';

type Outcome = RunFinishRequest['outcome'];

interface Streaming {
  runId: string;
  outbox: MetricsOutbox;
  /** Set when training ended; `run:finish` goes out once every point is acknowledged. */
  outcome: Outcome | null;
  finishSent: boolean;
}

/** A fresh client-chosen run id, so a `run:start` whose ack was lost can be resent as the same run. */
function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `run-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const sendPoints: SendBatch = async (runId, points) => {
  await send(ClientEvent.RunMetrics, { runId, points });
};

/**
 * Streams the student's current run to the server: `run:start`, its metric points through an outbox
 * flushed every METRICS_FLUSH_MS (and at once on reconnecting), and `run:finish` only after the last
 * point is acknowledged, so a dropped connection delays points but loses none.
 *
 * While connected in a round (`round` > 0) with no run of its own streaming, it asks for `run:mine` and
 * hands the reply to `onRestore` (a reloaded page gets its runs back). A run the server still counts as
 * running lost its worker with the old page: the page either resumes it (`rejoin`) or gives it up
 * (`abandon`). `onRestore` should be stable.
 */
export function useRunStream(
  connected: boolean,
  round: number,
  onRestore: (reply: RunMineReply, abandon: (runId: string) => void) => void | Promise<void>,
) {
  const [unsynced, setUnsynced] = useState(0);
  const [sent, setSent] = useState(0);
  const streaming = useRef<Streaming | null>(null);

  const sync = useCallback(async () => {
    const current = streaming.current;
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
    return () => clearInterval(timer);
  }, [sync]);

  // After a reconnect, send what waited at once rather than at the next tick.
  useEffect(() => {
    if (connected) void sync();
  }, [connected, sync]);

  /** Tells the server that a run of an earlier page will not go on (it is recorded as stopped). */
  const abandon = useCallback((runId: string) => {
    void send(ClientEvent.RunFinish, { runId, outcome: 'stopped' }).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!connected || round === 0) return;
    send(ClientEvent.RunMine, {})
      .then((reply) => {
        if (!streaming.current) return onRestore(reply, abandon);
      })
      .catch(() => undefined);
  }, [connected, round, onRestore, abandon]);

  const stream = useCallback((outbox: MetricsOutbox) => {
    streaming.current = { runId: outbox.runId, outbox, outcome: null, finishSent: false };
    setUnsynced(outbox.backlog);
    setSent(outbox.acknowledged);
  }, []);

  /** Registers a new run with the server and resolves with its id; rejects with the server's refusal. */
  const begin = useCallback(
    async (config: RunConfig): Promise<string> => {
      const runId = newRunId();
      await send(ClientEvent.RunStart, { runId, config });
      stream(new MetricsOutbox(runId, sendPoints));
      return runId;
    },
    [stream],
  );

  /**
   * Streams a run that a reloaded page resumes, under its own id: `run:start` again (the server answers the
   * same run, so no run slot is used, and refuses it if the round ended or its settings are no longer
   * allowed), then the points in `made` (seq = index) that the server lacks (`stored`), numbering on after
   * them. Rejects with the reason when the server refuses or has already ended the run.
   */
  const rejoin = useCallback(
    async (runId: string, config: RunConfig, made: Omit<MetricPoint, 'seq'>[], stored: ReadonlySet<number>) => {
      const { run } = await send(ClientEvent.RunStart, { runId, config });
      if (run.status !== 'running') throw new Error('The server had already ended this run.');
      stream(new MetricsOutbox(runId, sendPoints, made, stored));
    },
    [stream],
  );

  /** Queues a point of the run being streamed; the outbox numbers it. */
  const add = useCallback((runId: string, point: Omit<MetricPoint, 'seq'>) => {
    const current = streaming.current;
    if (current?.runId !== runId) return;
    current.outbox.add(point);
    setUnsynced(current.outbox.backlog);
  }, []);

  /** Records how the run ended; the server hears it once the backlog is acknowledged. */
  const end = useCallback(
    (runId: string, outcome: Outcome) => {
      const current = streaming.current;
      if (current?.runId !== runId) return;
      current.outcome = outcome;
      void sync();
    },
    [sync],
  );

  return {
    begin,
    rejoin,
    abandon,
    add,
    end,
    /** Points made but not yet acknowledged by the server. */
    unsynced,
    /** Points of the current run the server has acknowledged. */
    sent,
  };
}
