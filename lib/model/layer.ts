import * as tf from '@tensorflow/tfjs';
import { previous } from './cell-math';
import { CELL_STEPS } from './cells';
import { gatherBlocks, productWithSums, splitBlocks, transpose2d } from './layout';
import type { LayerGrads, LayerParams, PreparedLoop, T2 } from './cell-types';
import type { CellKind } from './kinds';

/**
 * What a layer reads: a [T*B, I] slab (time-major, row t*B + b), or int32 token ids [T*B] to look
 * up in an embedding table [V, I].
 */
export type LayerInput = { x: T2 } | { table: T2; ids: tf.Tensor1D };

/** Everything the backward pass of one layer call needs; valid inside the caller's tf.tidy. */
export interface LayerCache {
  cell: CellKind;
  steps: number;
  /** The input slab; null for token input, whose gradients come from dxp (model-pass.ts). */
  x: T2 | null;
  h0: T2;
  c0: T2;
  params: LayerParams;
  loop: PreparedLoop;
  /** h_t per step, each [B, H]. */
  outputs: T2[];
  /** c_t per step (the incoming c for cells without a cell state). */
  cells: T2[];
  saved: T2[][];
}

/**
 * Unrolls one recurrent layer over `steps` time steps. Call inside tf.tidy; no tensor is kept.
 * h0, c0: [B, H] (c0 is ignored except by the LSTM). The input projection of all steps is one
 * product before the loop: for token input, of the embedding table (V rows, fewer than T*B), whose
 * rows are then looked up per step. Inside the loop, one product per step covers every gate.
 * Returns h_t per step ([B, H] each), the final state and the cache for `layerBackward`.
 */
export function layerForward(cell: CellKind, input: LayerInput, h0: T2, c0: T2, params: LayerParams, steps: number) {
  const step = CELL_STEPS[cell];
  const hidden = h0.shape[1] as number;
  const source = 'x' in input ? input.x : input.table;
  const xp = tf.fused.matMul({ a: source as tf.Tensor2D, b: params.wx, bias: params.bx });
  const loop = step.prepare(xp, params, hidden, h0.shape[0] as number);
  const xps =
    'x' in input ? splitBlocks(loop.xp, steps, loop.xpWidths) : gatherBlocks(loop.xp, input.ids, steps, loop.xpWidths);
  const outputs: T2[] = [];
  const cells: T2[] = [];
  const saved: T2[][] = [];
  let h = h0;
  let c = c0;
  for (let t = 0; t < steps; t++) {
    const r = step.forward(xps[t], h, c, loop);
    h = r.h;
    c = r.c;
    outputs.push(h);
    cells.push(c);
    saved.push(r.saved);
  }
  const cache: LayerCache = {
    cell,
    steps,
    x: 'x' in input ? input.x : null,
    h0,
    c0,
    params,
    loop,
    outputs,
    cells,
    saved,
  };
  return { outputs, hT: h, cT: c, cache };
}

/** Gate activations of a cached forward pass: per step, one [B, H] tensor per name in GATE_NAMES[cell]. */
export function layerGates(cache: LayerCache): T2[][] {
  const step = CELL_STEPS[cache.cell];
  return cache.saved.map((s, t) => step.gates(s, cache.cells[t]));
}

/**
 * Backpropagation through time over a cached layer call, by hand: per step only the recurrence, and
 * the recurrent weight gradients as single products over all steps after the loop (MATHS.md, "One
 * layer": dW_h = H_prev^T dHP, db_h = column sums of dHP).
 * dOutputs: [T*B, H] gradient w.r.t. every h_t (null for none); dhT, dcT: [B, H] or null.
 * Call inside tf.tidy.
 */
export function layerBackward(
  cache: LayerCache,
  dOutputs: T2 | null,
  dhT: T2 | null = null,
  dcT: T2 | null = null,
): LayerGrads {
  const step = CELL_STEPS[cache.cell];
  const { steps, params, outputs, cells, h0, c0 } = cache;
  const [batch, hidden] = h0.shape as number[];
  const whT = transpose2d(params.wh);
  const out = step.backward({
    steps,
    saved: cache.saved,
    outputs,
    cells,
    h0,
    c0,
    whT,
    loop: cache.loop,
    dOut: dOutputs ? splitBlocks(dOutputs, steps, [hidden]).map((p) => p[0]) : null,
    dhT: dhT ?? tf.zeros([batch, hidden]),
    dcT: dcT ?? tf.zeros([batch, hidden]),
  });
  const recurrent = productWithSums(previous(h0, outputs), out.dhp);
  return { wh: recurrent.product, bh: recurrent.sums, dxp: out.dxp, h0: out.dh0, c0: out.dc0 };
}

/**
 * Gradients of wx ([I, G*H]: x^T dxp), bx (column sums of dxp) and the layer input x ([T*B, I]:
 * dxp wx^T) from dxp ([T*B, G*H]); call inside tf.tidy. Separate because a
 * layer fed by an embedding gets them more cheaply through the one-hot inputs (model-pass.ts).
 */
export function inputProjectionGrads(cache: LayerCache, dxp: T2): { wx: T2; bx: T2; x: T2 } {
  if (!cache.x) throw new Error('inputProjectionGrads needs a layer that read a slab, not tokens');
  const { product, sums } = productWithSums(cache.x, dxp);
  return { wx: product, bx: sums, x: tf.matMul(dxp as tf.Tensor2D, transpose2d(cache.params.wx)) };
}
