/**
 * The engine's closed sets, declared once: lib/protocol's schemas, the forms, the board and the
 * scripts all derive from these lists. This file imports nothing, so the protocol (loaded by the
 * server and by the browser's main thread) can import it without loading tfjs.
 */

/** The recurrent cells, in PyTorch's conventions (MATHS.md), in the weight blob's cell-byte order. */
export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export type CellKind = (typeof CELLS)[number];

/** 'sgd' is SGD with momentum 0.9 (trainer.ts). */
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

/** Recurrent weight initialisation schemes (ModelConfig.init). */
export const INITS = ['pytorch', 'glorot', 'orthogonal'] as const;
export type InitKind = (typeof INITS)[number];

/** Most recurrent layers a model stacks; the protocol's ENGINE_LIMITS.layers derives from it. */
export const MAX_LAYERS = 2;

/** Whether `n` is a layer count the engine builds: a whole number from 1 to MAX_LAYERS. */
export function isLayerCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_LAYERS;
}
