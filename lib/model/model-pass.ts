import * as tf from '@tensorflow/tfjs';
import { inputProjectionGrads, layerBackward, layerForward, type LayerCache, type LayerInput } from './layer';
import { hostView, productWithSums, sumRowsByToken, transpose2d } from './layout';
import type { RnnModel } from './model';
import type { T2 } from './cell-types';

/** Recurrent state of one layer: h and c, each [B, H] (c is unused zeros except for the LSTM). */
export interface LayerState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

/** A forward pass over one window; valid inside the caller's tf.tidy. */
interface ForwardResult {
  /** [T*B, V], time-major rows (t*B + b). */
  logits: T2;
  /** Output of the top layer [T*B, H]. */
  top: T2;
  caches: LayerCache[];
  states: LayerState[];
}

/**
 * Runs the model over one window. Call inside tf.tidy.
 * inputs: int32 [T*B] time-major token ids; states: one per layer, [B, H] each.
 */
export function forwardPass(model: RnnModel, inputs: tf.Tensor1D, steps: number, states: LayerState[]): ForwardResult {
  let input: LayerInput = { table: model.embedding, ids: inputs };
  const caches: LayerCache[] = [];
  const next: LayerState[] = [];
  for (const [l, params] of model.layers.entries()) {
    const run = layerForward(model.config.cell, input, states[l].h, states[l].c, params, steps);
    caches.push(run.cache);
    next.push({ h: run.hT as tf.Tensor2D, c: run.cT as tf.Tensor2D });
    input = { x: tf.concat(run.outputs, 0) };
  }
  const top = (input as { x: T2 }).x;
  const logits = tf.fused.matMul({ a: top as tf.Tensor2D, b: model.decoderW, bias: model.decoderB });
  return { logits, top, caches, states: next };
}

/**
 * One-hot rows as float32. Built as int32 and cast: wasm's OneHot kernel with dtype 'float32'
 * returns zeros in tfjs 4.22.
 */
function oneHotFloat(ids: tf.Tensor1D, depth: number): T2 {
  return tf.cast(tf.oneHot(ids, depth), 'float32');
}

/**
 * Mean next-token cross-entropy in nats over the rows where `weights` is 1 (all rows when null),
 * and its gradient w.r.t. the logits. targets: int32 [N]; weights: float32 [N] or null.
 */
export function crossEntropy(logits: T2, targets: tf.Tensor1D, weights: tf.Tensor1D | null): { loss: T2; dLogits: T2 } {
  if (tf.getBackend() === 'wasm') return crossEntropyOnHost(logits, targets, weights);
  const vocab = logits.shape[1] as number;
  const logp = tf.logSoftmax(logits);
  let oneHot: T2 = oneHotFloat(targets, vocab);
  if (weights) oneHot = tf.mul(oneHot, tf.expandDims(weights, 1));
  const count = weights ? tf.maximum(tf.sum(weights), 1) : tf.scalar(logits.shape[0] as number);
  const loss = tf.div(tf.neg(tf.sum(tf.mul(logp, oneHot))), count);
  const probs = tf.exp(logp);
  const dLogits = tf.div(
    weights ? tf.sub(tf.mul(probs, tf.expandDims(weights, 1)), oneHot) : tf.sub(probs, oneHot),
    count,
  );
  return { loss, dLogits };
}

/**
 * crossEntropy on the host, for wasm: its Exp kernel runs element by element (~1 ms per [2048, 64],
 * twice per step) while reading and writing a tensor there is a memory copy. Sums in float64.
 */
function crossEntropyOnHost(logits: T2, targets: tf.Tensor1D, weights: tf.Tensor1D | null): { loss: T2; dLogits: T2 } {
  const [rows, vocab] = logits.shape as number[];
  const z = hostView(logits);
  const y = hostView(targets);
  const w = weights ? hostView(weights) : null;
  let count = rows;
  if (w) {
    count = 0;
    for (let r = 0; r < rows; r++) count += w[r];
    count = Math.max(count, 1);
  }
  const grad = new Float32Array(rows * vocab);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * vocab;
    const weight = w ? w[r] : 1;
    let max = -Infinity;
    for (let j = 0; j < vocab; j++) if (z[base + j] > max) max = z[base + j];
    let sum = 0;
    for (let j = 0; j < vocab; j++) {
      const e = Math.exp(z[base + j] - max);
      grad[base + j] = e;
      sum += e;
    }
    total += weight * (max + Math.log(sum) - z[base + y[r]]);
    const scale = weight / (sum * count);
    for (let j = 0; j < vocab; j++) grad[base + j] *= scale;
    grad[base + y[r]] -= weight / count;
  }
  return { loss: tf.scalar(total / count), dLogits: tf.tensor2d(grad, [rows, vocab]) };
}

/** Gradients of every model variable (in RnnModel.variables() order) and of the embedded inputs. */
interface BackwardResult {
  grads: T2[];
  /** [T*B, E], only when asked for. */
  dEmbedded: T2 | null;
}

/**
 * Hand-written backward pass through decoder, layers and embedding. Weight gradients use an explicit
 * transpose and a plain product: wasm's matMul with a transpose flag is ~10x slower. The first
 * layer's input gradients go through the one-hot inputs: with s = onehot^T dxp ([V, G*H]),
 * d wx = E^T s and d E = s wx^T, which skips a [T*B, E] product and transpose. Call in tf.tidy.
 */
export function backwardPass(
  model: RnnModel,
  inputs: tf.Tensor1D,
  fwd: ForwardResult,
  dLogits: T2,
  withEmbeddedGrad = false,
): BackwardResult {
  const decoder = productWithSums(fwd.top, dLogits);
  let dx: T2 = tf.matMul(dLogits as tf.Tensor2D, transpose2d(model.decoderW));
  const layerGrads: T2[][] = [];
  let dEmbedding: T2 = dx;
  let dEmbedded: T2 | null = null;
  for (let l = model.layers.length - 1; l >= 0; l--) {
    const g = layerBackward(fwd.caches[l], dx);
    if (l > 0) {
      const input = inputProjectionGrads(fwd.caches[l], g.dxp);
      layerGrads[l] = [input.wx, g.wh, input.bx, g.bh];
      dx = input.x;
      continue;
    }
    const { byToken: s, all: bx } = sumRowsByToken(inputs, g.dxp, model.config.vocabSize);
    const wxT = transpose2d(model.layers[0].wx);
    layerGrads[0] = [tf.matMul(transpose2d(model.embedding), s as tf.Tensor2D), g.wh, bx, g.bh];
    dEmbedding = tf.matMul(s as tf.Tensor2D, wxT);
    if (withEmbeddedGrad) dEmbedded = tf.matMul(g.dxp as tf.Tensor2D, wxT);
  }
  return { grads: [dEmbedding, ...layerGrads.flat(), decoder.product, decoder.sums], dEmbedded };
}

/** Rescales gradients so their global L2 norm is at most clipNorm (0: unchanged). Call in tf.tidy. */
export function clipByGlobalNorm(grads: T2[], clipNorm: number): T2[] {
  if (clipNorm <= 0) return grads;
  const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
  const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
  return grads.map((g) => tf.mul(g, scale));
}
