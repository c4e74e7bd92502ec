import { GATE_COUNT } from './cell-types';
import type { CellKind, InitKind, OptimizerKind } from './kinds';

/** Everything that fixes a model's shape and its initial weights. */
export interface ModelConfig {
  cell: CellKind;
  hiddenSize: number;
  /** 1 to MAX_LAYERS (kinds.ts); RnnModel refuses any other count. */
  layers: number;
  vocabSize: number;
  embeddingSize: number;
  /**
   * 'pytorch': every recurrent weight and bias U(-1/sqrt(H), 1/sqrt(H)); 'glorot': Glorot-uniform
   * wx and wh, zero biases; 'orthogonal': Glorot wx, an orthogonal [H, H] block per gate in wh,
   * zero biases.
   */
  init: InitKind;
  /**
   * Bias of the LSTM forget gate / the GRU update gate (bias_ih of that block; bias_hh is 0).
   * Positive values start the cell remembering. Ignored by the vanilla RNN.
   */
  gateBias: number;
  seed: number;
}

/** How a model is trained. `steps` is the class budget; the trainer does not stop by itself. */
export interface TrainConfig {
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  /** Truncation length of backpropagation through time, in tokens. */
  seqLength: number;
  /** Gradients are rescaled when their global L2 norm exceeds this; 0 disables clipping. */
  clipNorm: number;
  steps: number;
}

/**
 * Default gate bias per cell, measured with bench:convergence: the LSTM learns the long-range tasks
 * fastest with its forget gate starting mostly open (+3); the GRU's update gate at +1 (at +3 it
 * learned the adding task more slowly).
 */
export const DEFAULT_GATE_BIAS: Record<CellKind, number> = { rnn: 0, lstm: 3, gru: 1 };

/** Defaults chosen with bench:convergence (see lib/model/README.md); gateBias is the LSTM's. */
export const DEFAULT_MODEL: Omit<ModelConfig, 'vocabSize' | 'cell' | 'seed'> = {
  hiddenSize: 64,
  layers: 1,
  embeddingSize: 16,
  init: 'orthogonal',
  gateBias: DEFAULT_GATE_BIAS.lstm,
};

/** A complete ModelConfig with the defaults for a cell, vocabulary (tokens) and seed. Pure. */
export function defaultModelConfig(cell: CellKind, vocabSize: number, seed: number): ModelConfig {
  return { ...DEFAULT_MODEL, cell, vocabSize, seed, gateBias: DEFAULT_GATE_BIAS[cell] };
}

export const DEFAULT_TRAIN: TrainConfig = {
  optimizer: 'adam',
  learningRate: 5e-3,
  batchSize: 32,
  seqLength: 64,
  clipNorm: 5,
  steps: 1500,
};

/**
 * Number of trainable parameters: embedding V*E, per layer G*H*(in + H + 2) (both PyTorch bias
 * vectors), softmax output H*V + V. Pure arithmetic, no tensors.
 */
export function countParameters(
  c: Pick<ModelConfig, 'cell' | 'hiddenSize' | 'layers' | 'vocabSize' | 'embeddingSize'>,
): number {
  const g = GATE_COUNT[c.cell] * c.hiddenSize;
  let n = c.vocabSize * c.embeddingSize + c.hiddenSize * c.vocabSize + c.vocabSize;
  for (let l = 0; l < c.layers; l++) {
    const input = l === 0 ? c.embeddingSize : c.hiddenSize;
    n += g * (input + c.hiddenSize + 2);
  }
  return n;
}
