import * as tf from '@tensorflow/tfjs';
import {
  blockScale,
  loopConstants,
  oneMinusSquare,
  previous,
  slab,
  TANH_SCALE,
  tanhFromSigmoid,
  withOutputGrad,
} from './cell-math';
import type { BackwardOutput, CellStep, M2, PreparedLoop, StepResult, T2 } from './cell-types';
import { splitBlocks } from './layout';

/** Column factors of the i, f, g, o blocks: g's pre-activation is scaled for tanhFromSigmoid. */
const GATE_SCALE = [1, 1, TANH_SCALE, 1];
/** d/da of [sigmoid, sigmoid, 2 sigmoid(2a) - 1, sigmoid] is s(1-s) times these, s the sigmoid output. */
const GATE_SLOPE = [1, 1, TANH_SCALE * TANH_SCALE, 1];

/**
 * LSTM, torch.nn.LSTM, gates i, f, g, o (MATHS.md, "LSTM"):
 *   forward   [a_i a_f a_g a_o] = x_t wx + bx + h_{t-1} wh + bh
 *             i = sig(a_i), f = sig(a_f), g = tanh(a_g), o = sig(a_o)
 *             c_t = f*c_{t-1} + i*g,   h_t = o*tanh(c_t)
 *   backward  dc = dc_t + dh_t * kc_t with kc_t = o * (1 - tanh(c_t)^2)
 *             da_t = [dc, dc, dc, dh_t] * k_t with k_t = [g, c_{t-1}, i, tanh(c_t)] * sig'
 *             dh_{t-1} = da_t wh^T,   dc_{t-1} = dc * f,   dxp_t = dhp_t = da_t
 * One sigmoid covers the whole [B, 4H] pre-activation (g's block pre-scaled by TANH_SCALE).
 * saved = [s = sigmoid slab [B, 4H], i, f, g, o, tanh(c_t)].
 */
export const lstmStep: CellStep = {
  prepare(xp, p, hidden, batch): PreparedLoop {
    const scale = blockScale(hidden, GATE_SCALE);
    return {
      xp: tf.mul(tf.add(xp, p.bh), scale),
      xpWidths: [4 * hidden],
      wh: [tf.mul(p.wh, scale)],
      bh: null,
      aux: blockScale(hidden, GATE_SLOPE),
      ...loopConstants(hidden, batch),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const hidden = h.shape[1] as number;
    const s = tf.sigmoid(tf.add(xpt[0], tf.matMul(h as M2, loop.wh[0] as M2)));
    const [i, f, sg, o] = splitBlocks(s, 1, [hidden, hidden, hidden, hidden])[0];
    const g = tanhFromSigmoid(sg, loop);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, g));
    // loop.two is TANH_SCALE as a [B, H] tensor.
    const tanhC = tanhFromSigmoid(tf.sigmoid(tf.mul(cNext, loop.two)), loop);
    return { h: tf.mul(o, tanhC), c: cNext, saved: [s, i, f, g, o, tanhC] };
  },
  gates: (saved, c) => [saved[1], saved[2], saved[3], saved[4], c],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (n: number) => slab(saved.map((x) => x[n]));
    const s = all(0);
    const slope = tf.mul(tf.mul(s, tf.sub(1, s)), input.loop.aux as T2);
    // Everything that does not depend on the gradient, for all steps at once: k [T*B, 4H], kc [T*B, H].
    const k = tf.mul(tf.concat([all(3), previous(input.c0, input.cells), all(1), all(5)], 1), slope);
    const kc = tf.mul(all(4), oneMinusSquare(all(5)));
    const kSteps = splitBlocks(k, steps, [4 * hidden]);
    const kcSteps = splitBlocks(kc, steps, [hidden]);
    const da: T2[] = [];
    let dh = input.dhT;
    let dc = input.dcT;
    for (let t = steps - 1; t >= 0; t--) {
      const dhTotal = withOutputGrad(dh, input, t);
      const dcTotal = tf.add(dc, tf.mul(dhTotal, kcSteps[t][0]));
      da[t] = tf.mul(tf.concat([dcTotal, dcTotal, dcTotal, dhTotal], 1), kSteps[t][0]);
      dh = tf.matMul(da[t] as M2, input.whT as M2);
      dc = tf.mul(dcTotal, saved[t][2]);
    }
    const daAll = slab(da);
    return { dxp: daAll, dhp: daAll, dh0: dh, dc0: dc };
  },
};
