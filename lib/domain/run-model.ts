import type { ModelConfig } from '../model/config';
import type { RunConfig } from '../protocol/challenge';

/** The engine's model configuration of a run (its shape, initialisation and seed) on a task of `vocabSize` tokens. */
export function modelConfigOf(config: RunConfig, vocabSize: number): ModelConfig {
  return {
    cell: config.cell,
    hiddenSize: config.hiddenSize,
    layers: config.layers,
    vocabSize,
    embeddingSize: config.embeddingSize,
    init: config.init,
    gateBias: config.gateBias,
    seed: config.seed,
  };
}
