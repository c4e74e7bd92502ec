import * as tf from '@tensorflow/tfjs';
import type { BackwardInput, PreparedLoop, T2 } from './cell-types';

/**
 * The factor prepare() multiplies into every tanh pre-activation (the RNN's whole projection, the
 * LSTM's g block, the GRU's n block, the LSTM's c_t in the loop), so that the loop's sigmoid sees 2a
 * and tanhFromSigmoid can finish the tanh. Backward passes differentiate with respect to the
 * unscaled parameters: their gradients are PyTorch's.
 */
export const TANH_SCALE = 2;

/**
 * tanh(a) from s = sigmoid(2a): tanh(a) = 2 sigmoid(2a) - 1 (MATHS.md, "tanh on wasm"). The one
 * place the identity is applied; every tanh of the forward loops goes through it. Why: on wasm the
 * Tanh kernel runs element by element (~56 us on [32, 128]) while Sigmoid is vectorised, so the
 * loops take a sigmoid and finish here. s: [B, H]; returns [B, H], using loop.one and
 * loop.two ([B, H] constants: broadcasting kernels cost ~5x a same-shape one on wasm). Call inside
 * tf.tidy.
 */
export function tanhFromSigmoid(s: T2, loop: PreparedLoop): T2 {
  return tf.sub(tf.mul(s, loop.two), loop.one);
}

/** [B, H] tensors of ones and twos for PreparedLoop.one and .two; the caller's tidy owns them. */
export function loopConstants(hidden: number, batch: number): { one: T2; two: T2 } {
  return { one: tf.ones([batch, hidden]), two: tf.fill([batch, hidden], 2) };
}

/** 1 - y^2 for y = tanh(a): the derivative of tanh at a, from its output. Same shape as y. */
export function oneMinusSquare(y: T2): T2 {
  return tf.sub(1, tf.square(y));
}

/** Stacks per-step [B, D] tensors into one time-major [T*B, D] slab (row t*B + b). */
export function slab(perStep: T2[]): T2 {
  return tf.concat(perStep, 0);
}

/** The slab of the previous step's values, [T*B, D]: first (h_{-1} or c_{-1}), then perStep[0..T-2]. */
export function previous(first: T2, perStep: T2[]): T2 {
  return slab([first, ...perStep.slice(0, -1)]);
}

/** dh at step t ([B, H]) plus the gradient arriving from the layer above at h_t, if any. */
export function withOutputGrad(dh: T2, input: BackwardInput, t: number): T2 {
  return input.dOut ? tf.add(dh, input.dOut[t]) : dh;
}

/** A [G*H] row of per-block factors, e.g. [1, 1, 2, 1] for the LSTM: block k is factors[k] repeated H times. */
export function blockScale(hidden: number, factors: number[]): T2 {
  return tf.tensor1d(Float32Array.from({ length: factors.length * hidden }, (_, j) => factors[Math.floor(j / hidden)]));
}
