import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EvalReply, EvalTask } from './eval-messages';
import type { ScoreRequest, Scores } from './score';

/** Scoring failed for a reason that lies in the submission (weights that do not fit, a task that cannot be built). */
export class EvalError extends Error {}

/** A pool of worker threads that score weights off the event loop. */
export interface EvalPool {
  readonly size: number;
  /** Scores one run's weights on a free thread (queued until one is); rejects with an EvalError. */
  evaluate(roundKey: string, request: ScoreRequest): Promise<{ scores: Scores; evalMs: number }>;
  /** Terminates every thread; evaluations under way reject. */
  close(): Promise<void>;
}

/**
 * Threads the pool starts by default: one per core but one, left to the event loop (which serves every
 * socket), and at least two. The event loop is mostly idle, so on two cores a second thread halves a
 * class's wait (bench:verify: 300 uploads in 45 s instead of 95 s, event-loop lag p99 still about 30 ms).
 */
export const defaultPoolSize = () => Math.max(2, availableParallelism() - 1);

/**
 * Starts one evaluation thread: the bundle `npm run build:server` writes beside dist/server.mjs, or, run
 * from source (tests, `npm run dev`), eval-worker.ts through tsx's loader, registered in the thread itself.
 */
function startThread(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./eval-worker.mjs', import.meta.url));
  const source = new URL('./eval-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    {
      eval: true,
    },
  );
}

interface Slot {
  /** Set by start(), again after a crash. */
  worker?: Worker;
  busy: ((reply: EvalReply) => void) | null;
}

/** Starts `size` evaluation threads. Each scores one request at a time; requests wait in order for a free one. */
export function createEvalPool(size = defaultPoolSize()): EvalPool {
  const waiting: { task: EvalTask; done: (reply: EvalReply) => void }[] = [];
  let counter = 0;

  const dispatch = (slot: Slot) => {
    const next = waiting.shift();
    if (!next) return;
    slot.busy = next.done;
    slot.worker?.postMessage(next.task);
  };
  const start = (slot: Slot) => {
    const settle = (reply: EvalReply) => {
      const done = slot.busy;
      slot.busy = null;
      done?.(reply);
      dispatch(slot);
    };
    slot.worker = startThread();
    slot.worker.on('message', settle);
    // An uncaught error ends the thread: its request fails, and a new thread takes its place.
    slot.worker.on('error', (err) => {
      start(slot);
      settle({ id: -1, ok: false, message: `the evaluation thread failed: ${err.message}` });
    });
    slot.worker.unref();
  };
  const slots: Slot[] = Array.from({ length: size }, () => ({ busy: null }));
  slots.forEach(start);

  return {
    size,
    evaluate(roundKey, request) {
      return new Promise((resolve, reject) => {
        const done = (reply: EvalReply) =>
          reply.ok ? resolve({ scores: reply.scores, evalMs: reply.evalMs }) : reject(new EvalError(reply.message));
        waiting.push({ task: { id: ++counter, roundKey, request }, done });
        const free = slots.find((s) => s.busy === null);
        if (free) dispatch(free);
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}
