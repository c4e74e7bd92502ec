import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parentPort } from 'node:worker_threads';
import type { TaskData } from '../../lib/data/types';
import type { EvalReply, EvalTask } from './eval-messages';
import { roundData, scoreWeights } from './score';

/**
 * A worker thread of the evaluation pool: scores one run's weights at a time (see score.ts) on tfjs's wasm
 * backend, or its plain cpu backend where wasm does not start.
 */

/** Rounds whose data this thread keeps: generating a round's data takes a while, a class asks for one. */
const ROUNDS_KEPT = 2;
const rounds = new Map<string, TaskData>();

function dataFor(task: EvalTask): TaskData {
  const key = `${task.roundKey}:${task.request.heldOut.testSeed}`;
  let data = rounds.get(key);
  if (!data) {
    data = roundData(task.request);
    rounds.set(key, data);
    if (rounds.size > ROUNDS_KEPT) rounds.delete(rounds.keys().next().value as string);
  }
  return data;
}

const ready = (async () => {
  // tfjs suggests tfjs-node on its first use, on stdout: the server's log is not the place.
  const log = console.log;
  console.log = () => {};
  try {
    if (!(await tf.setBackend('wasm').catch(() => false))) await tf.setBackend('cpu');
    await tf.ready();
  } finally {
    console.log = log;
  }
})();

parentPort?.on('message', (task: EvalTask) => {
  void ready.then(() => {
    let reply: EvalReply;
    try {
      const began = performance.now();
      const scores = scoreWeights(task.request, dataFor(task));
      reply = { id: task.id, ok: true, scores, evalMs: performance.now() - began };
    } catch (err) {
      reply = { id: task.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  });
});
