import { TASKS, type TaskId } from '../data/tasks';
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

/**
 * A ready challenge for one task: its class budget and sizes (measured with bench:convergence so the
 * gated cells' advantage shows within the budget), every cell allowed, the default initialisation.
 */
export function challengeForTask(taskId: TaskId): Challenge {
  const task = TASKS[taskId];
  return {
    title: task.longRange ? `${task.title}: RNN vs LSTM vs GRU` : task.title,
    task: { id: task.id, params: {}, seed: 1 },
    budgetSteps: task.budget.steps,
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
      hiddenSize: task.budget.hiddenSize,
      layers: DEFAULT_MODEL.layers,
      embeddingSize: DEFAULT_MODEL.embeddingSize,
      learningRate: DEFAULT_TRAIN.learningRate,
      optimizer: DEFAULT_TRAIN.optimizer,
      batchSize: task.budget.batchSize,
      seqLength: task.budget.seqLength,
      clipNorm: DEFAULT_TRAIN.clipNorm,
      init: DEFAULT_MODEL.init,
      gateBias: DEFAULT_MODEL.gateBias,
    },
  };
}

/** The challenge a new session carries until the host sets another: the clearest race of the three cells. */
export const DEFAULT_CHALLENGE: Challenge = challengeForTask('adding');
