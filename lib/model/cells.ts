import * as tf from '@tensorflow/tfjs';
import type { CellKind, CellStep, PreparedLoop, StepGrads, StepResult } from './cell-types';

type T2 = tf.Tensor;

/** 1 - x^2: the tanh derivative written in terms of the tanh output. */
function oneMinusSquare(x: T2): T2 {
  return tf.sub(1, tf.square(x));
}

/** Vanilla RNN: h_t = tanh(x_t Wx + bx + h_{t-1} Wh + bh). saved = [h_t]. */
const rnnStep: CellStep = {
  prepare(xp, p): PreparedLoop {
    // Both biases are plain additions here, so fold bh into the projection outside the loop.
    return { xp: tf.add(xp, p.bh), wh: p.wh, bh: null, aux: null };
  },
  forward(xpt, h, c, loop): StepResult {
    const hNext = tf.tanh(tf.add(xpt, tf.matMul(h as tf.Tensor2D, loop.wh as tf.Tensor2D)));
    return { h: hNext, c, saved: [hNext] };
  },
  gates: () => [],
  backward(dh, dc, saved, _hPrev, _cPrev, whT): StepGrads {
    const da = tf.mul(dh, oneMinusSquare(saved[0]));
    return { dhPrev: tf.matMul(da, whT), dcPrev: dc, dxp: da, dhp: da };
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
      wh: tf.mul(p.wh, scale),
      bh: null,
      // d/da of [sigmoid, sigmoid, 2 sigmoid(2a) - 1, sigmoid] is s(1-s) times [1, 1, 4, 1].
      aux: lstmScale(hidden, 4),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const s = tf.sigmoid(tf.add(xpt, tf.matMul(h as tf.Tensor2D, loop.wh as tf.Tensor2D)));
    const [i, f, sg, o] = tf.split(s, 4, 1) as T2[];
    const g = tf.sub(tf.mul(sg, 2), 1);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, g));
    const tc = tf.tanh(cNext);
    return { h: tf.mul(o, tc), c: cNext, saved: [s, i, f, g, o, tc] };
  },
  gates: (saved, c) => [saved[1], saved[2], saved[3], saved[4], c],
  backward(dh, dc, saved, _hPrev, cPrev, whT, loop): StepGrads {
    const [s, i, f, g, o, tc] = saved;
    const dcTotal = tf.add(dc, tf.mul(tf.mul(dh, o), oneMinusSquare(tc)));
    const upstream = tf.concat([tf.mul(dcTotal, g), tf.mul(dcTotal, cPrev), tf.mul(dcTotal, i), tf.mul(dh, tc)], 1);
    const da = tf.mul(tf.mul(upstream, tf.mul(s, tf.sub(1, s))), loop.aux as tf.Tensor);
    return { dhPrev: tf.matMul(da, whT), dcPrev: tf.mul(dcTotal, f), dxp: da, dhp: da };
  },
};

/** GRU, gates r, z, n, reset applied after the recurrent product. saved = [rz slab, r, z, n, hn]. */
const gruStep: CellStep = {
  prepare(xp, p): PreparedLoop {
    return { xp, wh: p.wh, bh: p.bh, aux: null };
  },
  forward(xpt, h, c, loop): StepResult {
    const hidden = h.shape[1] as number;
    const gh = tf.fused.matMul({ a: h as tf.Tensor2D, b: loop.wh as tf.Tensor2D, bias: loop.bh ?? undefined });
    const [xrz, xn] = tf.split(xpt, [2 * hidden, hidden], 1) as T2[];
    const [hrz, hn] = tf.split(gh, [2 * hidden, hidden], 1) as T2[];
    const rz = tf.sigmoid(tf.add(xrz, hrz));
    const [r, z] = tf.split(rz, 2, 1) as T2[];
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    const hNext = tf.add(n, tf.mul(z, tf.sub(h, n)));
    return { h: hNext, c, saved: [rz, r, z, n, hn] };
  },
  gates: (saved) => [saved[1], saved[2], saved[3]],
  backward(dh, dc, saved, hPrev, _cPrev, whT): StepGrads {
    const [rz, r, z, n, hn] = saved;
    const dan = tf.mul(tf.mul(dh, tf.sub(1, z)), oneMinusSquare(n));
    const drz = tf.concat([tf.mul(dan, hn), tf.mul(dh, tf.sub(hPrev, n))], 1);
    const darz = tf.mul(drz, tf.mul(rz, tf.sub(1, rz)));
    const dhp = tf.concat([darz, tf.mul(dan, r)], 1);
    return {
      dhPrev: tf.add(tf.matMul(dhp, whT), tf.mul(dh, z)),
      dcPrev: dc,
      dxp: tf.concat([darz, dan], 1),
      dhp,
    };
  },
};

/** The time-step implementation of each cell. */
export const CELL_STEPS: Record<CellKind, CellStep> = { rnn: rnnStep, lstm: lstmStep, gru: gruStep };
