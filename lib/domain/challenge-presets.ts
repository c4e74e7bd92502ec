import { DEFAULT_MODEL, DEFAULT_TRAIN } from '../model/config';
import type { Challenge } from '../protocol/challenge';

/** Bounds wide enough to explore, narrow enough that every allowed run trains in a class budget. */
const CLASS_BOUNDS: Challenge['bounds'] = {
  hiddenSize: { min: 8, max: 256 },
  layers: { min: 1, max: 2 },
  embeddingSize: { min: 4, max: 64 },
  learningRate: { min: 1e-4, max: 0.1 },
  batchSize: { min: 8, max: 64 },
  seqLength: { min: 10, max: 100 },
  clipNorm: { min: 0, max: 20 },
  gateBias: { min: -2, max: 5 },
};

/** The challenge a new session carries until the host sets another. */
export const DEFAULT_CHALLENGE: Challenge = {
  title: 'RNN vs LSTM vs GRU',
  task: { id: 'adding', params: {}, seed: 1 },
  budgetSteps: DEFAULT_TRAIN.steps,
  timeLimitS: 0,
  allowedCells: ['rnn', 'lstm', 'gru'],
  allowedOptimizers: ['adam', 'rmsprop', 'sgd'],
  allowedInits: ['pytorch', 'glorot', 'orthogonal'],
  bounds: CLASS_BOUNDS,
  maxParameters: 200_000,
  runsPerStudent: 5,
  rankingMetric: 'valLoss',
  defaults: {
    cell: 'lstm',
    hiddenSize: DEFAULT_MODEL.hiddenSize,
    layers: DEFAULT_MODEL.layers,
    embeddingSize: DEFAULT_MODEL.embeddingSize,
    learningRate: DEFAULT_TRAIN.learningRate,
    optimizer: DEFAULT_TRAIN.optimizer,
    batchSize: DEFAULT_TRAIN.batchSize,
    seqLength: DEFAULT_TRAIN.seqLength,
    clipNorm: DEFAULT_TRAIN.clipNorm,
    init: DEFAULT_MODEL.init,
    gateBias: DEFAULT_MODEL.gateBias,
  },
};
