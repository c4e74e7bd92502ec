import * as tf from '@tensorflow/tfjs';
import { tidy } from './tidy';
import type { TokenSplit } from '../data/types';
import { GATE_NAMES } from './cell-types';
import { evalBatch, swapStates, zeroStates } from './evaluate';
import { layerGates } from './layer';
import { backwardPass, crossEntropy, forwardPass } from './model-pass';
import type { RnnModel } from './model';
import { gradNormByStep } from './grad-norms';
import { StreamBatcher } from './batches';
import { createRng } from './rng';

/** What the student's gate and gradient-flow plots show, for one window of validation text. */
export interface Inspection {
  /** Token ids of the inspected sequence (batch row 0), one per time step. */
  tokens: number[];
  /** Per layer, per gate name (LSTM i, f, g, o, c; GRU r, z, n; none for rnn): [T][H] of batch row 0. */
  gates: Record<string, number[][]>[];
  /**
   * ‖∂L_{T-1}/∂x_t‖ for t = 0..T-1: the norm (over batch and embedding) of the gradient of the
   * last step's loss w.r.t. each step's embedded input, computed in float64 so tiny values survive.
   */
  gradNorm: number[];
}

/**
 * One forward pass with gates collected and one backward pass of the last step's loss, on the first
 * window of `split` from a zero state. Separate from training, so training steps pay nothing for it.
 * steps: tokens per window. Downloads synchronously; leaves no tensors behind.
 */
export function inspectModel(model: RnnModel, split: TokenSplit, steps: number, preferredBatch = 32): Inspection {
  const batch = evalBatch(split.tokens.length, steps, preferredBatch);
  const w = new StreamBatcher(split.tokens, batch, steps).window(0);
  const names = GATE_NAMES[model.config.cell];
  const out = tidy(() => {
    const states = zeroStates(model, batch);
    const inputs = tf.tensor1d(w.inputs, 'int32');
    const fwd = forwardPass(model, inputs, steps, states);
    const lastStep = new Float32Array(steps * batch).fill(1, (steps - 1) * batch);
    const { dLogits } = crossEntropy(fwd.logits, tf.tensor1d(w.targets, 'int32'), tf.tensor1d(lastStep));
    const { dEmbedded } = backwardPass(model, inputs, fwd, dLogits, true);
    const gates = fwd.caches.map((cache) => {
      const perStep = layerGates(cache);
      return names.map(
        (_, k) => tf.stack(perStep.map((g) => tf.slice(g[k], [0, 0], [1, -1]).squeeze([0]))).arraySync() as number[][],
      );
    });
    return { gates, dx: (dEmbedded as tf.Tensor).dataSync() as Float32Array };
  });
  const tokens = Array.from({ length: steps }, (_, t) => w.inputs[t * batch]);
  return {
    tokens,
    gates: out.gates.map((layer) => Object.fromEntries(names.map((n, k) => [n, layer[k]]))),
    gradNorm: gradNormByStep(out.dx, steps),
  };
}

/**
 * Generates `length` tokens from the model, starting from a token of `split` picked by `seed`,
 * dividing logits by `temperature` (> 0). Returns the token ids. Deterministic for a seed; one
 * synchronous download per token; leaves no tensors behind.
 */
export function sampleTokens(
  model: RnnModel,
  split: TokenSplit,
  temperature: number,
  length: number,
  seed: number,
): number[] {
  const rng = createRng(seed, 3);
  let token = split.tokens[rng.int(split.tokens.length)];
  let states = zeroStates(model, 1);
  const out: number[] = [];
  const t = Math.max(temperature, 1e-3);
  for (let i = 0; i < length; i++) {
    const step = tidy(() => {
      const fwd = forwardPass(model, tf.tensor1d([token], 'int32'), 1, states);
      return { probs: tf.softmax(tf.div(fwd.logits, t)), states: fwd.states };
    });
    states = swapStates(states, step.states);
    const probs = step.probs.dataSync();
    step.probs.dispose();
    let u = rng.next();
    token = probs.length - 1;
    for (let j = 0; j < probs.length; j++) {
      u -= probs[j];
      if (u < 0) {
        token = j;
        break;
      }
    }
    out.push(token);
  }
  swapStates(states, []);
  return out;
}
