import * as tf from '@tensorflow/tfjs';
import { GATE_COUNT, type LayerParams } from './cell-types';
import type { ModelConfig } from './config';
import { initialWeights } from './init';
import { isLayerCount, MAX_LAYERS } from './kinds';
import type { WeightArrays } from './weight-arrays';

/**
 * The model's trainable variables: embedding [V, E]; per layer wx [I, G*H], wh [H, G*H], bx, bh
 * [G*H] (PyTorch weights transposed, gate blocks in PyTorch order); decoder w [H, V], b [V].
 * Owns its variables: call dispose().
 */
export class RnnModel {
  readonly config: ModelConfig;
  readonly embedding: tf.Variable<tf.Rank.R2>;
  readonly layers: LayerParams[];
  readonly decoderW: tf.Variable<tf.Rank.R2>;
  readonly decoderB: tf.Variable<tf.Rank.R1>;

  /**
   * Creates variables from `weights`, or from the seeded initialisation in `config`. Throws when
   * config.layers is not 1 to MAX_LAYERS.
   */
  constructor(config: ModelConfig, weights: WeightArrays = initialWeights(config)) {
    if (!isLayerCount(config.layers)) throw new Error(`layers must be 1 to ${MAX_LAYERS}, not ${config.layers}`);
    this.config = config;
    const { vocabSize: v, embeddingSize: e, hiddenSize: h } = config;
    const g = GATE_COUNT[config.cell] * h;
    // Variables are created unnamed: tfjs requires globally unique names, and several models coexist.
    const t = tf.tidy(() => ({
      embedding: tf.tensor2d(weights.embedding, [v, e]),
      layers: weights.layers.map((l, i) => {
        const input = i === 0 ? e : h;
        return {
          wx: tf.transpose(tf.tensor2d(l.weight_ih, [g, input])) as tf.Tensor2D,
          wh: tf.transpose(tf.tensor2d(l.weight_hh, [g, h])) as tf.Tensor2D,
          bx: tf.tensor1d(l.bias_ih),
          bh: tf.tensor1d(l.bias_hh),
        };
      }),
      decoderW: tf.transpose(tf.tensor2d(weights.decoderWeight, [v, h])) as tf.Tensor2D,
      decoderB: tf.tensor1d(weights.decoderBias),
    }));
    const variable = <R extends tf.Rank>(x: tf.Tensor<R>) => {
      const out = tf.variable(x);
      x.dispose();
      return out;
    };
    this.embedding = variable(t.embedding);
    this.layers = t.layers.map((l) => ({
      wx: variable(l.wx),
      wh: variable(l.wh),
      bx: variable(l.bx),
      bh: variable(l.bh),
    }));
    this.decoderW = variable(t.decoderW);
    this.decoderB = variable(t.decoderB);
  }

  /** All variables, in the order of weightShapes(). */
  variables(): tf.Variable[] {
    const out: tf.Variable[] = [this.embedding];
    for (const l of this.layers) out.push(...([l.wx, l.wh, l.bx, l.bh] as tf.Variable[]));
    out.push(this.decoderW, this.decoderB);
    return out;
  }

  /** Downloads the weights into PyTorch layout (synchronous). */
  weights(): WeightArrays {
    const read = (x: tf.Tensor, transpose: boolean) => {
      const t = transpose ? tf.transpose(x) : x;
      const values = Float32Array.from(t.dataSync());
      if (transpose) t.dispose();
      return values;
    };
    return {
      embedding: read(this.embedding, false),
      layers: this.layers.map((l) => ({
        weight_ih: read(l.wx, true),
        weight_hh: read(l.wh, true),
        bias_ih: read(l.bx, false),
        bias_hh: read(l.bh, false),
      })),
      decoderWeight: read(this.decoderW, true),
      decoderBias: read(this.decoderB, false),
    };
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
