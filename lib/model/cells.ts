import * as tf from '@tensorflow/tfjs';
import type { BackwardInput, BackwardOutput, CellKind, CellStep, PreparedLoop, StepResult } from './cell-types';
import { splitBlocks } from './split';

type T2 = tf.Tensor;

/** 1 - x^2: the tanh derivative written in terms of the tanh output. */
function oneMinusSquare(x: T2): T2 {
  return tf.sub(1, tf.square(x));
}

/** Stacks per-step [B, D] tensors into one time-major [T*B, D] slab. */
function slab(perStep: T2[]): T2 {
  return tf.concat(perStep, 0);
}

/** h_{t-1} for every step as a slab: h0, h_0, ..., h_{T-2}. */
function previous(first: T2, perStep: T2[]): T2 {
  return slab([first, ...perStep.slice(0, -1)]);
}

/** Adds the gradient arriving from above at step t, if any. */
function withOutputGrad(dh: T2, input: BackwardInput, t: number): T2 {
  return input.dOut ? tf.add(dh, input.dOut[t]) : dh;
}

/** Vanilla RNN: h_t = tanh(x_t Wx + bx + h_{t-1} Wh + bh). saved = [h_t]. */
const rnnStep: CellStep = {
  prepare(xp, p): PreparedLoop {
    // Both biases are plain additions here, so fold bh into the projection outside the loop.
    return { xp: tf.add(xp, p.bh), xpWidths: [xp.shape[1] as number], wh: p.wh, bh: null, aux: null };
  },
  forward(xpt, h, c, loop): StepResult {
    const hNext = tf.tanh(tf.add(xpt[0], tf.matMul(h as tf.Tensor2D, loop.wh as tf.Tensor2D)));
    return { h: hNext, c, saved: [hNext] };
  },
  gates: () => [],
  backward(input): BackwardOutput {
    const { steps } = input;
    const hidden = input.h0.shape[1] as number;
    const deriv = splitBlocks(oneMinusSquare(slab(input.outputs)), steps, [hidden]);
    const das: T2[] = [];
    let dh = input.dhT;
    for (let t = steps - 1; t >= 0; t--) {
      das[t] = tf.mul(withOutputGrad(dh, input, t), deriv[t][0]);
      dh = tf.matMul(das[t] as tf.Tensor2D, input.whT as tf.Tensor2D);
    }
    const da = slab(das);
    return { dxp: da, dhp: da, dh0: dh, dc0: input.dcT };
  },

};

/**
 * Per-column scale for the LSTM slab, gate order i, f, g, o. The g block's pre-activation is
 * doubled so one sigmoid covers all four gates: tanh(a) = 2 sigmoid(2a) - 1. One kernel over the
 * whole [B, 4H] slab costs less than four slices and separate activations.
 */
function lstmScale(hidden: number, g: number): tf.Tensor {
  const scale = new Float32Array(4 * hidden).fill(1);
  scale.fill(g, 2 * hidden, 3 * hidden);
  return tf.tensor1d(scale);
}

/** LSTM, gates i, f, g, o. saved = [sigmoid slab [B,4H], i, f, g, o, tanh(c_t)]. */
const lstmStep: CellStep = {
  prepare(xp, p, hidden): PreparedLoop {
    const scale = lstmScale(hidden, 2);
    return {
      xp: tf.mul(tf.add(xp, p.bh), scale),
      xpWidths: [4 * hidden],
      wh: tf.mul(p.wh, scale),
      bh: null,
      // d/da of [sigmoid, sigmoid, 2 sigmoid(2a) - 1, sigmoid] is s(1-s) times [1, 1, 4, 1].
      aux: lstmScale(hidden, 4),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const hidden = h.shape[1] as number;
    const s = tf.sigmoid(tf.add(xpt[0], tf.matMul(h as tf.Tensor2D, loop.wh as tf.Tensor2D)));
    const [i, f, sg, o] = splitBlocks(s, 1, [hidden, hidden, hidden, hidden])[0];
    const g = tf.sub(tf.mul(sg, 2), 1);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, g));
    const tc = tf.tanh(cNext);
    return { h: tf.mul(o, tc), c: cNext, saved: [s, i, f, g, o, tc] };
  },
  gates: (saved, c) => [saved[1], saved[2], saved[3], saved[4], c],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (k: number) => slab(saved.map((x) => x[k]));
    const s = all(0);
    // d/da of the slab s = [i, f, (g+1)/2, o] with the g block's doubled pre-activation folded in.
    const deriv = tf.mul(tf.mul(s, tf.sub(1, s)), input.loop.aux as T2);
    // da = [dc, dc, dc, dh] * m, where m holds everything that does not depend on the gradient.
    const m = tf.mul(tf.concat([all(3), previous(input.c0, input.cells), all(1), all(5)], 1), deriv);
    const p = tf.mul(all(4), oneMinusSquare(all(5)));
    const mSteps = splitBlocks(m, steps, [4 * hidden]);
    const pSteps = splitBlocks(p, steps, [hidden]);
    const das: T2[] = [];
    let dh = input.dhT;
    let dc = input.dcT;
    for (let t = steps - 1; t >= 0; t--) {
      const dhTotal = withOutputGrad(dh, input, t);
      const dcTotal = tf.add(dc, tf.mul(dhTotal, pSteps[t][0]));
      das[t] = tf.mul(tf.concat([dcTotal, dcTotal, dcTotal, dhTotal], 1), mSteps[t][0]);
      dh = tf.matMul(das[t] as tf.Tensor2D, input.whT as tf.Tensor2D);
      dc = tf.mul(dcTotal, saved[t][2]);
    }
    const da = slab(das);
    return { dxp: da, dhp: da, dh0: dh, dc0: dc };
  },

};

/** GRU, gates r, z, n, reset applied after the recurrent product. saved = [rz slab, r, z, n, hn]. */
const gruStep: CellStep = {
  prepare(xp, p, hidden): PreparedLoop {
    return { xp, xpWidths: [2 * hidden, hidden], wh: p.wh, bh: p.bh, aux: null };
  },
  forward(xpt, h, c, loop): StepResult {
    const hidden = h.shape[1] as number;
    const gh = tf.fused.matMul({ a: h as tf.Tensor2D, b: loop.wh as tf.Tensor2D, bias: loop.bh ?? undefined });
    const [xrz, xn] = xpt;
    const [hrz, hn] = splitBlocks(gh, 1, [2 * hidden, hidden])[0];
    const rz = tf.sigmoid(tf.add(xrz, hrz));
    const [r, z] = splitBlocks(rz, 1, [hidden, hidden])[0];
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    const hNext = tf.add(n, tf.mul(z, tf.sub(h, n)));
    return { h: hNext, c, saved: [rz, r, z, n, hn] };
  },
  gates: (saved) => [saved[1], saved[2], saved[3]],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (k: number) => slab(saved.map((x) => x[k]));
    const [r, z, n, hn] = [all(1), all(2), all(3), all(4)];
    // With dh the total gradient at h_t: d(n pre-activation) = dh*a, d(z pre) = dh*bz,
    // d(r pre) = dh*br, d(W_hn h + b_hn) = dh*cn, and dh_{t-1} gets dh*z directly.
    const a = tf.mul(tf.sub(1, z), oneMinusSquare(n));
    const bz = tf.mul(tf.sub(previous(input.h0, input.outputs), n), tf.mul(z, tf.sub(1, z)));
    const br = tf.mul(tf.mul(a, hn), tf.mul(r, tf.sub(1, r)));
    const cn = tf.mul(a, r);
    const mSteps = splitBlocks(tf.concat([br, bz, cn], 1), steps, [3 * hidden]);
    const dhs: T2[] = [];
    let dh = input.dhT;
    for (let t = steps - 1; t >= 0; t--) {
      dhs[t] = withOutputGrad(dh, input, t);
      const dhp = tf.mul(tf.concat([dhs[t], dhs[t], dhs[t]], 1), mSteps[t][0]);
      dh = tf.add(tf.matMul(dhp as tf.Tensor2D, input.whT as tf.Tensor2D), tf.mul(dhs[t], saved[t][2]));
    }
    const dhAll = slab(dhs);
    // concat, not tile: wasm's Tile kernel took ~40 ms on this [T*B, H] slab.
    const dh3 = tf.concat([dhAll, dhAll, dhAll], 1);
    return {
      dxp: tf.mul(dh3, tf.concat([br, bz, a], 1)),
      dhp: tf.mul(dh3, tf.concat([br, bz, cn], 1)),
      dh0: dh,
      dc0: input.dcT,
    };
  },

};

/** The time-step implementation of each cell. */
export const CELL_STEPS: Record<CellKind, CellStep> = { rnn: rnnStep, lstm: lstmStep, gru: gruStep };
