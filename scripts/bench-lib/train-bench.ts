import * as tf from '@tensorflow/tfjs';
import type { CellKind } from '../../lib/model/kinds';
import { GATE_COUNT } from '../../lib/model/cell-types';
import { createTrainer } from '../../lib/model/trainer';
import type { TaskData } from '../../lib/data/types';

/**
 * The workload the issue fixes: hidden 128, sequence 64, batch 32, vocabulary 64. tf.layers'
 * embedding cannot train on wasm (no UnsortedSegmentSum kernel), so its model reads one-hot
 * vectors; ours uses an embedding as wide as the vocabulary, so both recurrent layers see 64 inputs.
 */
export const WORKLOAD = { hidden: 128, steps: 64, batch: 32, vocab: 64, embedding: 64 } as const;

export interface TrainResult {
  runtime: 'node' | 'chromium';
  backend: string;
  cell: CellKind;
  impl: 'ours' | 'tf.layers';
  msPerStep: number;
  tokensPerSec: number;
}

export interface BoundResult {
  runtime: 'node' | 'chromium';
  backend: string;
  cell: CellKind;
  msPerStep: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `repeats` calls after `warmup` calls, in ms. */
async function timeIt(fn: () => unknown, warmup: number, repeats: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function syntheticTask(): TaskData {
  const n = WORKLOAD.batch * WORKLOAD.steps * 8 + 1;
  const tokens = Int32Array.from({ length: n }, (_, i) => (i * 7919 + ((i * i) % 13)) % WORKLOAD.vocab);
  const split = { tokens, checkPositions: new Int32Array(0), checkSets: new Int32Array(0) };
  const vocab = Array.from({ length: WORKLOAD.vocab }, (_, i) => String(i));
  return {
    vocab,
    separator: '',
    train: split,
    validation: split,
    test: split,
    accuracy: { description: '', candidateSets: [] },
  };
}

/** ms per training step (forward, backward, clipping, Adam) of our model. */
export async function timeOurs(cell: CellKind, repeats: number, warmup: number): Promise<number> {
  const { hidden, steps, batch, vocab, embedding } = WORKLOAD;
  const trainer = createTrainer(
    {
      cell,
      hiddenSize: hidden,
      layers: 1,
      vocabSize: vocab,
      embeddingSize: embedding,
      init: 'orthogonal',
      gateBias: 1,
      seed: 1,
    },
    { optimizer: 'adam', learningRate: 1e-3, batchSize: batch, seqLength: steps, clipNorm: 5, steps: repeats },
    syntheticTask(),
  );
  try {
    return await timeIt(() => trainer.step(), warmup, repeats);
  } finally {
    trainer.dispose();
  }
}

/** ms per trainOnBatch of the same model built from tf.layers with their default settings. */
export async function timeLayers(cell: CellKind, repeats: number, warmup: number): Promise<number> {
  const { hidden, steps, batch, vocab, embedding } = WORKLOAD;
  const model = tf.sequential();
  const rnn = { units: hidden, returnSequences: true, inputShape: [steps, embedding] };
  model.add(cell === 'rnn' ? tf.layers.simpleRNN(rnn) : cell === 'lstm' ? tf.layers.lstm(rnn) : tf.layers.gru(rnn));
  model.add(tf.layers.dense({ units: vocab, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.oneHot(
    tf.tensor2d(
      Array.from({ length: batch * steps }, (_, i) => (i * 31) % vocab),
      [batch, steps],
      'int32',
    ),
    vocab,
  );
  const y = tf.oneHot(
    tf.tensor2d(
      Array.from({ length: batch * steps }, (_, i) => (i * 17) % vocab),
      [batch, steps],
      'int32',
    ),
    vocab,
  );
  try {
    return await timeIt(() => model.trainOnBatch(x, y), warmup, repeats);
  } finally {
    x.dispose();
    y.dispose();
    model.optimizer.dispose();
    model.dispose();
  }
}

/**
 * Floating-point operations of the matrix products of one training step of this workload as a
 * straightforward implementation computes them: every embedded token projected by wx, and the
 * gradients of wx and of the embedded inputs as products over all tokens. Our engine skips some of
 * them (it projects the embedding table once and reaches the embedding's gradients through the token
 * ids), so where products are everything (the cpu backend) it can beat this bound.
 */
export function stepFlops(cell: CellKind): number {
  const { hidden: h, steps, batch, vocab: v, embedding: e } = WORKLOAD;
  const n = steps * batch;
  const g = GATE_COUNT[cell] * h;
  const forward = n * e * g + n * h * g + n * h * v;
  const backward = n * g * h + n * h * g + n * e * g + n * g * e + 2 * n * h * v + n * v * e;
  return 2 * (forward + backward);
}

/**
 * Plain matMul throughput in FLOP/s: the best of a large square product and the step's own
 * recurrent and projection shapes, so the bound derived from it is the strictest of them.
 */
export async function matmulThroughput(): Promise<number> {
  const shapes: [number, number, number][] = [
    [512, 512, 512],
    [32, 128, 512],
    [2048, 128, 512],
  ];
  let best = 0;
  for (const [m, k, n] of shapes) {
    const a = tf.randomNormal([m, k]) as tf.Tensor2D;
    const b = tf.randomNormal([k, n]) as tf.Tensor2D;
    const reps = Math.max(1, Math.round(2e8 / (2 * m * k * n)));
    const ms = await timeIt(
      () =>
        tf.tidy(() => {
          for (let i = 0; i < reps; i++) tf.matMul(a, b).dataSync();
        }),
      3,
      5,
    );
    best = Math.max(best, (2 * m * k * n * reps) / (ms / 1000));
    a.dispose();
    b.dispose();
  }
  return best;
}

/** Runs the whole measurement on the current backend. */
/** How many timed steps (medians are reported) and untimed warm-up steps each measurement runs. */
export interface Repeats {
  ours: number;
  layers: number;
  warmup: number;
}

export async function runTrainBench(runtime: 'node' | 'chromium', repeats: Repeats) {
  const backend = tf.getBackend();
  const results: TrainResult[] = [];
  const matmulBound: BoundResult[] = [];
  const tokens = WORKLOAD.steps * WORKLOAD.batch;
  const flopsPerSec = await matmulThroughput();
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const impl of ['ours', 'tf.layers'] as const) {
      const ms =
        impl === 'ours'
          ? await timeOurs(cell, repeats.ours, repeats.warmup)
          : await timeLayers(cell, repeats.layers, repeats.warmup);
      results.push({ runtime, backend, cell, impl, msPerStep: ms, tokensPerSec: (tokens * 1000) / ms });
    }
    matmulBound.push({ runtime, backend, cell, msPerStep: (stepFlops(cell) / flopsPerSec) * 1000 });
  }
  return { results, matmulBound, gflops: flopsPerSec / 1e9 };
}
