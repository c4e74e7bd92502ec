import type * as tf from '@tensorflow/tfjs';
import type { CellKind } from './kinds';

/** A tensor the time loops treat as [rows, columns]; typed loosely so slices and products need no rank casts. */
export type T2 = tf.Tensor;
/** A weight matrix. */
export type M2 = tf.Tensor2D;

/** Gate blocks per cell: rnn 1, lstm 4 (i, f, g, o), gru 3 (r, z, n). */
export const GATE_COUNT: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };

/** Names of the activations `inspect` reports, in PyTorch's gate order. */
export const GATE_NAMES: Record<CellKind, readonly string[]> = {
  rnn: [],
  lstm: ['i', 'f', 'g', 'o', 'c'],
  gru: ['r', 'z', 'n'],
};

/**
 * Parameters of one recurrent layer, stored transposed from PyTorch so the hot products need no
 * transpose flag (wasm runs those ~10x slower).
 * wx: [I, G*H] = weight_ih^T, wh: [H, G*H] = weight_hh^T, bx = bias_ih [G*H], bh = bias_hh [G*H].
 * Gate block k occupies columns [k*H, (k+1)*H) in PyTorch's gate order.
 */
export interface LayerParams {
  wx: tf.Tensor2D;
  wh: tf.Tensor2D;
  bx: tf.Tensor1D;
  bh: tf.Tensor1D;
}

/**
 * Gradients of a loss with respect to one layer's recurrent parameters and initial state, and with
 * respect to its input projection, from which inputProjectionGrads derives the gradients of wx, bx and x.
 */
export interface LayerGrads {
  wh: tf.Tensor;
  bh: tf.Tensor;
  /** Gradient w.r.t. x @ wx + bx, [T*B, G*H], time-major rows (row t*B + b). */
  dxp: tf.Tensor;
  h0: tf.Tensor;
  /** Zeros for cells without a cell state. */
  c0: tf.Tensor;
}

/** Tensors a cell's time loop reuses at every step. */
export interface PreparedLoop {
  /**
   * Input projection, possibly with biases folded in or gate columns rescaled, [N, G*H]: one row per
   * step and batch entry, or per vocabulary entry for token input (rows are transformed alike).
   */
  xp: tf.Tensor;
  /** Column widths the time loop cuts each step's rows of xp into (see CellStep.forward). */
  xpWidths: number[];
  /** Recurrent weights as the forward step uses them (column blocks, possibly rescaled), [H, *]. */
  wh: tf.Tensor[];
  /** Recurrent bias the forward step adds inside the loop (GRU's n gate), else null. */
  bh: tf.Tensor | null;
  /** Cell-specific constant for the backward pass (the LSTM's GATE_SLOPE row, [G*H]), or null. */
  aux: tf.Tensor | null;
  /**
   * Constant [B, H] tensors of ones and twos (tanhFromSigmoid, the LSTM's TANH_SCALE * c_t): wasm's
   * broadcasting kernels cost ~5x a same-shape one.
   */
  one: tf.Tensor;
  two: tf.Tensor;
}

/** What one forward time step hands to the backward pass of the same step. */
export interface StepResult {
  h: tf.Tensor;
  c: tf.Tensor;
  saved: tf.Tensor[];
}

/** What a cell's backward loop receives: the cached forward pass and the incoming gradients. */
export interface BackwardInput {
  steps: number;
  /** Per step, what forward() saved. */
  saved: tf.Tensor[][];
  /** h_t per step, [B, H]. */
  outputs: tf.Tensor[];
  /** c_t per step, [B, H] (the unchanged incoming c for cells without a cell state). */
  cells: tf.Tensor[];
  h0: tf.Tensor;
  c0: tf.Tensor;
  /** weight_hh as PyTorch stores it: [G*H, H]. */
  whT: tf.Tensor;
  loop: PreparedLoop;
  /** Gradient w.r.t. each h_t from above, [B, H] per step, or null. */
  dOut: tf.Tensor[] | null;
  /** Gradient w.r.t. the final h and c, [B, H]. */
  dhT: tf.Tensor;
  dcT: tf.Tensor;
}

/** Gradients a cell's backward loop produces. */
export interface BackwardOutput {
  /** Gradient w.r.t. the input projection x_t @ wx + bx of every step, [T*B, G*H]. */
  dxp: tf.Tensor;
  /** Gradient w.r.t. the recurrent projection h_{t-1} @ wh + bh of every step, [T*B, G*H]. */
  dhp: tf.Tensor;
  dh0: tf.Tensor;
  dc0: tf.Tensor;
}

/**
 * One cell's time step, split into forward and backward so a whole unrolled layer can be
 * differentiated by hand (autograd's matMul gradient uses transpose flags, slow on wasm). The
 * equations of each cell are in MATHS.md and atop rnn-cell.ts, lstm-cell.ts and gru-cell.ts.
 */
export interface CellStep {
  /** Loop-invariant tensors, built once per layer call; xp = x @ wx + bx, [N, G*H] (see PreparedLoop.xp). */
  prepare(xp: tf.Tensor, p: LayerParams, hidden: number, batch: number): PreparedLoop;
  /** xpt: this step's rows of the prepared xp ([B, *] each), cut into loop.xpWidths columns; h and c: [B, H]. */
  forward(xpt: tf.Tensor[], h: tf.Tensor, c: tf.Tensor, loop: PreparedLoop): StepResult;
  /** Gate activations of a step in GATE_NAMES order, each [B, H]. */
  gates(saved: tf.Tensor[], c: tf.Tensor): tf.Tensor[];
  /**
   * Backpropagation through all steps. Whatever does not depend on the incoming gradient (gate
   * derivatives, products with saved activations) is computed once for all steps as [T*B, ...] slabs;
   * the loop then only carries the recurrence, a few kernels per step (kernel dispatch, not
   * arithmetic, dominates small per-step ops on wasm).
   */
  backward(input: BackwardInput): BackwardOutput;
}
