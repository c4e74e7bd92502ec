import * as tf from '@tensorflow/tfjs';
import { GATE_COUNT, GATE_NAMES } from '../../lib/model/cell-types';
import { CELLS, type CellKind } from '../../lib/model/kinds';
import { inputProjectionGrads, layerBackward, layerForward, layerGates } from '../../lib/model/layer';
import { gradNormByStep } from '../../lib/model/grad-norms';
import { layerFromPyTorch, type PyTorchLayerWeights } from '../../lib/model/pytorch-weights';

type Nested = number | Nested[];

/** A reference case in the format of tests/fixtures/rnn-reference (see its README). */
interface ReferenceCase {
  name: string;
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  batch: number;
  steps: number;
  params: PyTorchLayerWeights;
  inputs: number[][][];
  h0: number[][];
  c0?: number[][];
  outputs: number[][][];
  hT: number[][];
  cT?: number[][];
  gates?: Record<string, number[][][]>;
  upstream: number[][][];
  loss: number;
  grads: PyTorchLayerWeights & { inputs: number[][][]; h0: number[][]; c0?: number[][] };
  gradNormByStep: number[];
  gradNormRatio?: number;
}

/** The line cell:check prints per file. Errors are max |ours - ref| / max(1, |ref|) per group. */
interface CheckResult {
  file: string;
  cell: CellKind;
  pass: boolean;
  maxRelError: Record<string, number>;
  gradNormRatio?: { ours: number; ref: number };
}

/** What our float32 cell reproduces within: |ours - ref| <= TOLERANCE * max(1, |ref|). */
export const TOLERANCE = 1e-4;

/** Validates the parts of a parsed JSON case the check relies on; throws a readable error otherwise. */
export function parseReferenceCase(json: unknown): ReferenceCase {
  if (typeof json !== 'object' || json === null) throw new Error('case is not a JSON object');
  const c = json as Record<string, unknown>;
  const cell = CELLS.find((k) => k === c.cell);
  if (!cell) throw new Error(`unknown cell ${String(c.cell)}`);
  for (const key of ['inputSize', 'hiddenSize', 'batch', 'steps', 'loss']) {
    if (typeof c[key] !== 'number') throw new Error(`missing number "${key}"`);
  }
  for (const key of ['params', 'inputs', 'h0', 'outputs', 'hT', 'upstream', 'grads', 'gradNormByStep']) {
    if (c[key] === undefined) throw new Error(`missing "${key}"`);
  }
  if (cell === 'lstm' && c.c0 === undefined) throw new Error('lstm case without "c0"');
  const hidden = c.hiddenSize as number;
  const w = c.params as PyTorchLayerWeights;
  if (w.weight_hh?.length !== GATE_COUNT[cell] * hidden)
    throw new Error('weight_hh rows do not match cell and hiddenSize');
  return json as ReferenceCase;
}

function flat(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flat) : [x];
}

function maxRelError(ours: ArrayLike<number>, ref: Nested): number {
  const r = flat(ref);
  if (r.length !== ours.length) throw new Error(`size mismatch: ours ${ours.length}, reference ${r.length}`);
  let e = 0;
  for (let i = 0; i < r.length; i++) e = Math.max(e, Math.abs(ours[i] - r[i]) / Math.max(1, Math.abs(r[i])));
  return e;
}

/**
 * Runs our cell on a case's weights and inputs, backpropagates its `upstream`, and compares every
 * group of values. Allocates and frees its own tensors.
 */
export function checkReferenceCase(file: string, c: ReferenceCase): CheckResult & { gradNorms: number[] } {
  const { steps: T, batch: B, hiddenSize: H, inputSize: I } = c;
  const box: { values?: ReturnType<typeof readValues> } = {};
  function readValues() {
    const params = layerFromPyTorch(c.params);
    const x = tf.tensor2d(flat(c.inputs), [T * B, I]);
    const h0 = tf.tensor2d(flat(c.h0), [B, H]);
    const c0 = c.c0 ? tf.tensor2d(flat(c.c0), [B, H]) : (tf.zeros([B, H]) as tf.Tensor2D);
    const run = layerForward(c.cell, { x }, h0, c0, params, T);
    const outputs = tf.concat(run.outputs, 0);
    const upstream = tf.tensor2d(flat(c.upstream), [T * B, H]);
    const grads = layerBackward(run.cache, upstream);
    const input = inputProjectionGrads(run.cache, grads.dxp);
    const gates = layerGates(run.cache);
    const gateValues: Record<string, Float32Array> = {};
    GATE_NAMES[c.cell].forEach((name, k) => {
      gateValues[name] = tf
        .concat(
          gates.map((g) => g[k]),
          0,
        )
        .dataSync() as Float32Array;
    });
    return {
      outputs: outputs.dataSync() as Float32Array,
      hT: run.hT.dataSync() as Float32Array,
      cT: run.cT.dataSync() as Float32Array,
      loss: tf.sum(tf.mul(outputs, upstream)).dataSync()[0],
      gates: gateValues,
      grads: [
        [tf.transpose(input.wx).dataSync(), c.grads.weight_ih],
        [tf.transpose(grads.wh).dataSync(), c.grads.weight_hh],
        [input.bx.dataSync(), c.grads.bias_ih],
        [grads.bh.dataSync(), c.grads.bias_hh],
        [input.x.dataSync(), c.grads.inputs],
        [grads.h0.dataSync(), c.grads.h0],
        ...(c.grads.c0 ? [[grads.c0.dataSync(), c.grads.c0] as const] : []),
      ] as const,
      dx: input.x.dataSync() as Float32Array,
    };
  }
  tf.tidy(() => {
    box.values = readValues();
  });
  const values = box.values as ReturnType<typeof readValues>;
  const err: Record<string, number> = {
    outputs: maxRelError(values.outputs, c.outputs),
    hT: maxRelError(values.hT, c.hT),
  };
  if (c.cT) err.cT = maxRelError(values.cT, c.cT);
  if (c.gates) {
    err.gates = Math.max(...Object.entries(c.gates).map(([name, ref]) => maxRelError(values.gates[name], ref)));
  }
  err.loss = maxRelError([values.loss], c.loss);
  err.grads = Math.max(...values.grads.map(([ours, ref]) => maxRelError(ours, ref)));
  const gradNorms = gradNormByStep(values.dx, T);
  const result: CheckResult & { gradNorms: number[] } = {
    file,
    cell: c.cell,
    pass: Object.values(err).every((e) => e <= TOLERANCE),
    maxRelError: err,
    gradNorms,
  };
  if (c.gradNormRatio !== undefined) {
    result.gradNormRatio = { ours: gradNorms[0] / gradNorms[T - 1], ref: c.gradNormRatio };
  }
  return result;
}
