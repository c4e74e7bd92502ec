import type { TaskData, TokenSplit } from '../../../lib/data/types';
import type { ModelConfig, TrainConfig } from '../../../lib/model/config';

/** A periodic stream (0, 1, 2, 0, 1, 2, ...) with every token a check position: learnable in a few steps. */
function periodic(n: number, period: number, offset: number): TokenSplit {
  const tokens = Int32Array.from({ length: n }, (_, i) => (i + offset) % period);
  const checkPositions = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  return { tokens, checkPositions, checkSets: new Int32Array(n - 1) };
}

export function tinyTask(): TaskData {
  return {
    vocab: ['a', 'b', 'c', 'd'],
    separator: '',
    train: periodic(400, 3, 0),
    validation: periodic(200, 3, 1),
    test: periodic(200, 3, 2),
    accuracy: { description: 'next token', candidateSets: [[0, 1, 2, 3]] },
  };
}

export function tinyModel(cell: ModelConfig['cell'], over: Partial<ModelConfig> = {}): ModelConfig {
  return {
    cell,
    hiddenSize: 8,
    layers: 1,
    vocabSize: 4,
    embeddingSize: 5,
    init: 'orthogonal',
    gateBias: 1,
    seed: 7,
    ...over,
  };
}

export function tinyTrain(over: Partial<TrainConfig> = {}): TrainConfig {
  return { optimizer: 'adam', learningRate: 0.02, batchSize: 4, seqLength: 6, clipNorm: 1, steps: 50, ...over };
}
