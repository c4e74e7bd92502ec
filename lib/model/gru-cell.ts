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

/**
 * GRU, torch.nn.GRU, gates r, z, n, the reset applied after the recurrent product (MATHS.md, "GRU"):
 *   forward   [xr xz xn] = x_t wx + bx,   u_t = h_{t-1} wh_n + bh_n
 *             r = sig(xr + h_{t-1} wh_r + bh_r),   z = sig(xz + h_{t-1} wh_z + bh_z)
 *             n = tanh(xn + r*u_t),   h_t = (1-z)*n + z*h_{t-1}
 *   backward  with dh = dh_t and the factors kn = (1-z)(1-n^2), kz = (h_{t-1}-n) z(1-z),
 *             kr = kn u_t r(1-r), ku = kn r (all steps at once):
 *             dxp_t = dh*[kr, kz, kn],   dhp_t = dh*[kr, kz, ku],   dh_{t-1} = dhp_t wh^T + dh*z
 * One product per gate block (cheaper on wasm than one product and a column split); the n block of
 * wx, bx, wh and bh is pre-scaled by TANH_SCALE. saved = [r, z, n, TANH_SCALE * u_t].
 */
export const gruStep: CellStep = {
  prepare(xp, p, hidden, batch): PreparedLoop {
    const block = (k: number) => tf.slice(p.wh, [0, k * hidden], [hidden, hidden]);
    // r and z add both biases outside the loop; n's recurrent bias sits inside r * u_t.
    const bhRZ = tf.concat([tf.slice(p.bh, 0, 2 * hidden), tf.zeros([hidden])]);
    return {
      xp: tf.mul(tf.add(xp, bhRZ), blockScale(hidden, [1, 1, TANH_SCALE])),
      xpWidths: [hidden, hidden, hidden],
      wh: [block(0), block(1), tf.mul(block(2), TANH_SCALE)],
      bh: tf.mul(tf.slice(p.bh, 2 * hidden, hidden), TANH_SCALE),
      aux: null,
      ...loopConstants(hidden, batch),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const [xr, xz, xn] = xpt;
    const r = tf.sigmoid(tf.add(xr, tf.matMul(h as M2, loop.wh[0] as M2)));
    const z = tf.sigmoid(tf.add(xz, tf.matMul(h as M2, loop.wh[1] as M2)));
    // Not tf.fused.matMul: its op wrapper (gradient bookkeeping, reshapes) took ~80 us per call here.
    const uScaled = tf.add(tf.matMul(h as M2, loop.wh[2] as M2), loop.bh as T2);
    const n = tanhFromSigmoid(tf.sigmoid(tf.add(xn, tf.mul(r, uScaled))), loop);
    const hNext = tf.add(n, tf.mul(z, tf.sub(h, n)));
    return { h: hNext, c, saved: [r, z, n, uScaled] };
  },
  gates: (saved) => [saved[0], saved[1], saved[2]],
  backward(input): BackwardOutput {
    const { steps, saved } = input;
    const hidden = input.h0.shape[1] as number;
    const all = (k: number) => slab(saved.map((x) => x[k]));
    const [r, z, n] = [all(0), all(1), all(2)];
    const u = tf.mul(all(3), 1 / TANH_SCALE);
    // With dh the total gradient at h_t: d(n pre-activation) = dh*kn, d(z pre) = dh*kz,
    // d(r pre) = dh*kr, du_t = dh*ku, and dh_{t-1} gets dh*z directly.
    const kn = tf.mul(tf.sub(1, z), oneMinusSquare(n));
    const kz = tf.mul(tf.sub(previous(input.h0, input.outputs), n), tf.mul(z, tf.sub(1, z)));
    const kr = tf.mul(tf.mul(kn, u), tf.mul(r, tf.sub(1, r)));
    const ku = tf.mul(kn, r);
    const kh = tf.concat([kr, kz, ku], 1);
    const khSteps = splitBlocks(kh, steps, [3 * hidden]);
    const dhs: T2[] = [];
    let dh = input.dhT;
    for (let t = steps - 1; t >= 0; t--) {
      dhs[t] = withOutputGrad(dh, input, t);
      const dhp = tf.mul(tf.concat([dhs[t], dhs[t], dhs[t]], 1), khSteps[t][0]);
      dh = tf.add(tf.matMul(dhp as M2, input.whT as M2), tf.mul(dhs[t], saved[t][1]));
    }
    const dhAll = slab(dhs);
    // concat, not tile: wasm's Tile kernel took ~40 ms on this [T*B, H] slab.
    const dh3 = tf.concat([dhAll, dhAll, dhAll], 1);
    return {
      dxp: tf.mul(dh3, tf.concat([kr, kz, kn], 1)),
      dhp: tf.mul(dh3, kh),
      dh0: dh,
      dc0: input.dcT,
    };
  },
};
