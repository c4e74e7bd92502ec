import { GATE_COUNT } from './cell-types';
import type { ModelConfig } from './config';

/** One recurrent layer in PyTorch layout, row-major: weight_ih [G*H, I], weight_hh [G*H, H], biases [G*H]. */
export interface LayerArrays {
  weight_ih: Float32Array;
  weight_hh: Float32Array;
  bias_ih: Float32Array;
  bias_hh: Float32Array;
}

/**
 * All weights of a model in PyTorch layout (nn.Embedding, nn.RNN/LSTM/GRU, nn.Linear), row-major:
 * embedding [V, E], layers as LayerArrays, decoderWeight [V, H], decoderBias [V].
 */
export interface WeightArrays {
  embedding: Float32Array;
  layers: LayerArrays[];
  decoderWeight: Float32Array;
  decoderBias: Float32Array;
}

type Shape = [number, number] | [number];

/**
 * Every array's name (PyTorch state-dict key), shape and accessor, in the order the binary blob stores
 * them. Pure.
 */
export function weightShapes(
  c: Pick<ModelConfig, 'cell' | 'hiddenSize' | 'layers' | 'vocabSize' | 'embeddingSize'>,
): { name: string; shape: Shape; get: (w: WeightArrays) => Float32Array }[] {
  const g = GATE_COUNT[c.cell] * c.hiddenSize;
  const out: { name: string; shape: Shape; get: (w: WeightArrays) => Float32Array }[] = [
    { name: 'embedding.weight', shape: [c.vocabSize, c.embeddingSize], get: (w) => w.embedding },
  ];
  for (let l = 0; l < c.layers; l++) {
    const input = l === 0 ? c.embeddingSize : c.hiddenSize;
    out.push(
      { name: `rnn.weight_ih_l${l}`, shape: [g, input], get: (w) => w.layers[l].weight_ih },
      { name: `rnn.weight_hh_l${l}`, shape: [g, c.hiddenSize], get: (w) => w.layers[l].weight_hh },
      { name: `rnn.bias_ih_l${l}`, shape: [g], get: (w) => w.layers[l].bias_ih },
      { name: `rnn.bias_hh_l${l}`, shape: [g], get: (w) => w.layers[l].bias_hh },
    );
  }
  out.push(
    { name: 'decoder.weight', shape: [c.vocabSize, c.hiddenSize], get: (w) => w.decoderWeight },
    { name: 'decoder.bias', shape: [c.vocabSize], get: (w) => w.decoderBias },
  );
  return out;
}

/** Builds WeightArrays from arrays listed in weightShapes order; shares the arrays, copies nothing. */
export function assembleWeights(c: Pick<ModelConfig, 'layers'>, arrays: Float32Array[]): WeightArrays {
  const layers: LayerArrays[] = [];
  for (let l = 0; l < c.layers; l++) {
    const [weight_ih, weight_hh, bias_ih, bias_hh] = arrays.slice(1 + 4 * l, 5 + 4 * l);
    layers.push({ weight_ih, weight_hh, bias_ih, bias_hh });
  }
  const n = arrays.length;
  return { embedding: arrays[0], layers, decoderWeight: arrays[n - 2], decoderBias: arrays[n - 1] };
}
