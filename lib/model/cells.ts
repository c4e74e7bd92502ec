import * as tf from '@tensorflow/tfjs';
import type { BackwardInput, BackwardOutput, CellStep, LayerParams, PreparedLoop, StepResult } from './cell-types';
import type { CellKind } from './kinds';
import { splitBlocks } from './layout';

type T2 = tf.Tensor;
type M2 = tf.Tensor2D;

/*
 * Every tanh in the forward loops is computed as 2 sigmoid(2a) - 1 with the factor 2 folded into
 * the weights: wasm's Tanh kernel runs element by element (~56 us on [32, 128]) while Sigmoid is
 * vectorised. The backward passes differentiate with respect to the unscaled parameters.
 */

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

/** Per-column scale over gate blocks of width `hidden`, e.g. [1, 1, 2, 1] for the LSTM. */
function blockScale(hidden: number, factors: number[]): T2 {
  return tf.tensor1d(Float32Array.from({ length: factors.length * hidden }, (_, j) => factors[Math.floor(j / hidden)]));
}

function constants(hidden: number, batch: number) {
  return { one: tf.ones([batch, hidden]), two: tf.fill([batch, hidden], 2) };
}

/** 2 s - 1 for s = sigmoid(2a): tanh(a). */
function fromDoubled(s: T2, loop: PreparedLoop): T2 {
  return tf.sub(tf.mul(s, loop.two), loop.one);
}

/** Vanilla RNN: h_t = tanh(x_t Wx + bx + h_{t-1} Wh + bh). saved = [h_t]. */
const rnnStep: CellStep = {
  prepare(xp, p: LayerParams, hidden, batch): PreparedLoop {
    // Both biases are plain additions here, so bh joins the projection outside the loop.
    const xp2 = tf.mul(tf.add(xp, p.bh), 2);
    return { xp: xp2, xpWidths: [hidden], wh: [tf.mul(p.wh, 2)], bh: null, aux: null, ...constants(hidden, batch) };
  },
  forward(xpt, h, c, loop): StepResult {
    const hNext = fromDoubled(tf.sigmoid(tf.add(xpt[0], tf.matMul(h as M2, loop.wh[0] as M2))), loop);
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
      dh = tf.matMul(das[t] as M2, input.whT as M2);
    }
    const da = slab(das);
    return { dxp: da, dhp: da, dh0: dh, dc0: input.dcT };
  },
};

/**
 * LSTM, gates i, f, g, o. One sigmoid covers the whole [B, 4H] slab (g's block pre-scaled by 2).
 * saved = [sigmoid slab [B,4H], i, f, g, o, tanh(c_t)].
 */
const lstmStep: CellStep = {
  prepare(xp, p, hidden, batch): PreparedLoop {
    const scale = blockScale(hidden, [1, 1, 2, 1]);
    return {
      xp: tf.mul(tf.add(xp, p.bh), scale),
      xpWidths: [4 * hidden],
      wh: [tf.mul(p.wh, scale)],
      bh: null,
      // d/da of [sigmoid, sigmoid, 2 sigmoid(2a) - 1, sigmoid] is s(1-s) times [1, 1, 4, 1].
      aux: blockScale(hidden, [1, 1, 4, 1]),
      ...constants(hidden, batch),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const hidden = h.shape[1] as number;
    const s = tf.sigmoid(tf.add(xpt[0], tf.matMul(h as M2, loop.wh[0] as M2)));
    const [i, f, sg, o] = splitBlocks(s, 1, [hidden, hidden, hidden, hidden])[0];
    const g = fromDoubled(sg, loop);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, g));
    const tc = fromDoubled(tf.sigmoid(tf.mul(cNext, loop.two)), loop);
    return { h: tf.mul(o, tc), c: cNext, saved: [s, i, f, g, o, tc] };
  },
  gates: (saved, c) => [saved[1], saved[2], saved[3], saved[4], c],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (k: number) => slab(saved.map((x) => x[k]));
    const s = all(0);
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
      dh = tf.matMul(das[t] as M2, input.whT as M2);
      dc = tf.mul(dcTotal, saved[t][2]);
    }
    const da = slab(das);
    return { dxp: da, dhp: da, dh0: dh, dc0: dc };
  },
};

/**
 * GRU, gates r, z, n, reset applied after the recurrent product. One product per gate block (cheaper
 * on wasm than one product and a column split); the n block is pre-scaled by 2.
 * saved = [r, z, n, 2 * (W_hn h + b_hn)].
 */
const gruStep: CellStep = {
  prepare(xp, p, hidden, batch): PreparedLoop {
    const block = (k: number) => tf.slice(p.wh, [0, k * hidden], [hidden, hidden]);
    // r and z add both biases outside the loop; n's recurrent bias sits inside r * (W_hn h + b_hn).
    const bhRZ = tf.concat([tf.slice(p.bh, 0, 2 * hidden), tf.zeros([hidden])]);
    return {
      xp: tf.mul(tf.add(xp, bhRZ), blockScale(hidden, [1, 1, 2])),
      xpWidths: [hidden, hidden, hidden],
      wh: [block(0), block(1), tf.mul(block(2), 2)],
      bh: tf.mul(tf.slice(p.bh, 2 * hidden, hidden), 2),
      aux: null,
      ...constants(hidden, batch),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const [xr, xz, xn] = xpt;
    const r = tf.sigmoid(tf.add(xr, tf.matMul(h as M2, loop.wh[0] as M2)));
    const z = tf.sigmoid(tf.add(xz, tf.matMul(h as M2, loop.wh[1] as M2)));
    // Not tf.fused.matMul: its op wrapper (gradient bookkeeping, reshapes) took ~80 us per call here.
    const hn2 = tf.add(tf.matMul(h as M2, loop.wh[2] as M2), loop.bh as T2);
    const n = fromDoubled(tf.sigmoid(tf.add(xn, tf.mul(r, hn2))), loop);
    const hNext = tf.add(n, tf.mul(z, tf.sub(h, n)));
    return { h: hNext, c, saved: [r, z, n, hn2] };
  },
  gates: (saved) => [saved[0], saved[1], saved[2]],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (k: number) => slab(saved.map((x) => x[k]));
    const [r, z, n] = [all(0), all(1), all(2)];
    const hn = tf.mul(all(3), 0.5);
    // With dh the total gradient at h_t: d(n pre-activation) = dh*a, d(z pre) = dh*bz,
    // d(r pre) = dh*br, d(W_hn h + b_hn) = dh*cn, and dh_{t-1} gets dh*z directly.
    const a = tf.mul(tf.sub(1, z), oneMinusSquare(n));
    const bz = tf.mul(tf.sub(previous(input.h0, input.outputs), n), tf.mul(z, tf.sub(1, z)));
    const br = tf.mul(tf.mul(a, hn), tf.mul(r, tf.sub(1, r)));
    const cn = tf.mul(a, r);
    const mh = tf.concat([br, bz, cn], 1);
    const mSteps = splitBlocks(mh, steps, [3 * hidden]);
    const dhs: T2[] = [];
    let dh = input.dhT;
    for (let t = steps - 1; t >= 0; t--) {
      dhs[t] = withOutputGrad(dh, input, t);
      const dhp = tf.mul(tf.concat([dhs[t], dhs[t], dhs[t]], 1), mSteps[t][0]);
      dh = tf.add(tf.matMul(dhp as M2, input.whT as M2), tf.mul(dhs[t], saved[t][1]));
    }
    const dhAll = slab(dhs);
    // concat, not tile: wasm's Tile kernel took ~40 ms on this [T*B, H] slab.
    const dh3 = tf.concat([dhAll, dhAll, dhAll], 1);
    return {
      dxp: tf.mul(dh3, tf.concat([br, bz, a], 1)),
      dhp: tf.mul(dh3, mh),
      dh0: dh,
      dc0: input.dcT,
    };
  },
};

/** The time-step implementation of each cell. */
export const CELL_STEPS: Record<CellKind, CellStep> = { rnn: rnnStep, lstm: lstmStep, gru: gruStep };
