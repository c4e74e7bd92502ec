import * as tf from '@tensorflow/tfjs';
import { tidy } from './tidy';
import type { TaskData } from '../data/types';
import { StreamBatcher } from './batches';
import type { ModelConfig, TrainConfig } from './config';
import { evaluateSplit, swapStates, zeroStates, type EvalMetrics } from './evaluate';
import { inspectModel, sampleTokens, type Inspection } from './inspect';
import { backwardPass, clipByGlobalNorm, crossEntropy, forwardPass, type LayerState } from './model-pass';
import { RnnModel } from './model';
import { restoreOptimizer, saveOptimizer, type OptimizerState } from './optimizer-state';
import { decodeWeights, encodeWeights, shapeMismatch } from './weights-io';

/** Result of one training step. */
interface StepMetrics {
  /** Steps done so far, this one included (1-based). */
  step: number;
  /** Mean training cross-entropy of this window, bits per token. */
  loss: number;
}

/**
 * Everything training carries from one step to the next, as plain arrays (structured-clone safe, for
 * IndexedDB). Training draws no random numbers after initialisation: the data window is fixed by `step`
 * (StreamBatcher.window), the sample's seed is the step, so these four fields resume a run bit for bit.
 */
export interface TrainerState {
  /** Steps done; the next step trains on window `step` of the training stream. */
  step: number;
  /** The weights as exportWeights() writes them. */
  weights: Uint8Array;
  optimizer: OptimizerState;
  /** The state carried between windows (truncated BPTT): per layer h then c, each [batchSize * hiddenSize]. */
  carried: Float32Array[];
}

/** A model being trained on one task; runs unchanged in a Web Worker and in Node. */
interface Trainer {
  readonly modelConfig: ModelConfig;
  readonly trainConfig: TrainConfig;
  /** One optimiser step on the next window of the training stream (truncated BPTT, state carried). */
  step(): StepMetrics;
  /** Loss and task accuracy over the validation split (or the test split, for the server). */
  evaluate(split?: 'validation' | 'test'): EvalMetrics;
  /** Gate activations and gradient norm per time step, on a fixed validation window. */
  inspect(): Inspection;
  /** `length` generated tokens decoded to text (for text tasks). */
  sample(temperature: number, length: number, seed: number): string;
  /** The weights as a binary blob (format in lib/model/README.md). */
  exportWeights(): Uint8Array;
  /** A copy of the training state, to resume later with resumeTrainer(). Reads the backend; allocates nothing. */
  checkpoint(): Promise<TrainerState>;
  /** Frees every tensor the trainer owns: variables, optimiser slots, carried state. */
  dispose(): void;
}

function createOptimizer(c: TrainConfig): tf.Optimizer {
  if (c.optimizer === 'adam') return tf.train.adam(c.learningRate);
  if (c.optimizer === 'rmsprop') return tf.train.rmsprop(c.learningRate, 0.9);
  return tf.train.momentum(c.learningRate, 0.9);
}

/**
 * Creates a trainer. weights: an optional blob from exportWeights() whose shape must match
 * modelConfig; otherwise weights come from modelConfig.init and modelConfig.seed. Throws when the
 * config does not fit the task or the weights. Allocates the model's variables and the optimiser's
 * slots on the current tfjs backend: call dispose().
 */
export function createTrainer(
  modelConfig: ModelConfig,
  trainConfig: TrainConfig,
  data: TaskData,
  weights?: Uint8Array,
): Trainer {
  return buildTrainer(modelConfig, trainConfig, data, weights).trainer;
}

/**
 * A trainer that continues from `state` (taken by checkpoint() with the same configs and task): its next
 * step gives exactly what the checkpointed trainer's next step would have. Throws like createTrainer, and
 * when the state does not fit the configs. Allocates like createTrainer: call dispose().
 */
export async function resumeTrainer(
  modelConfig: ModelConfig,
  trainConfig: TrainConfig,
  data: TaskData,
  state: TrainerState,
): Promise<Trainer> {
  const { trainer, restore } = buildTrainer(modelConfig, trainConfig, data, state.weights);
  try {
    await restore(state);
  } catch (err) {
    trainer.dispose();
    throw err;
  }
  return trainer;
}

function buildTrainer(modelConfig: ModelConfig, trainConfig: TrainConfig, data: TaskData, weights?: Uint8Array) {
  if (modelConfig.vocabSize !== data.vocab.length)
    throw new Error(`vocabSize ${modelConfig.vocabSize} does not match the task's ${data.vocab.length} tokens`);
  let initial;
  if (weights) {
    const decoded = decodeWeights(weights);
    const mismatch = shapeMismatch(decoded.shape, modelConfig);
    if (mismatch) throw new Error(`the weights do not fit the config: ${mismatch}`);
    initial = decoded.weights;
  }
  const model = new RnnModel(modelConfig, initial);
  const optimizer = createOptimizer(trainConfig);
  const { batchSize: batch, seqLength: steps } = trainConfig;
  const batcher = new StreamBatcher(data.train.tokens, batch, steps);
  const variables = model.variables();
  let states: LayerState[] = zeroStates(model, batch);
  let done = 0;

  const trainer: Trainer = {
    modelConfig,
    trainConfig,
    step() {
      const w = batcher.window(done);
      if (w.reset && done > 0) states = swapStates(states, zeroStates(model, batch));
      const out = tidy(() => {
        const inputs = tf.tensor1d(w.inputs, 'int32');
        const fwd = forwardPass(model, inputs, steps, states);
        const { loss, dLogits } = crossEntropy(fwd.logits, tf.tensor1d(w.targets, 'int32'), null);
        const { grads } = backwardPass(model, inputs, fwd, dLogits);
        const clipped = clipByGlobalNorm(grads, trainConfig.clipNorm);
        optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, clipped[i]])));
        return { loss, states: fwd.states };
      });
      states = swapStates(states, out.states);
      const loss = out.loss.dataSync()[0] / Math.LN2;
      out.loss.dispose();
      done++;
      return { step: done, loss };
    },
    evaluate(split = 'validation') {
      return evaluateSplit(
        model,
        data[split],
        { candidateSets: data.accuracy.candidateSets, lossTargets: data.loss?.targets },
        steps,
      );
    },
    inspect() {
      return inspectModel(model, data.validation, steps);
    },
    sample(temperature, length, seed) {
      return sampleTokens(model, data.validation, temperature, length, seed)
        .map((t) => data.vocab[t])
        .join(data.separator);
    },
    exportWeights() {
      return encodeWeights(modelConfig, model.weights());
    },
    async checkpoint() {
      return {
        step: done,
        weights: encodeWeights(modelConfig, model.weights()),
        optimizer: await saveOptimizer(optimizer),
        carried: states.flatMap((s) => [Float32Array.from(s.h.dataSync()), Float32Array.from(s.c.dataSync())]),
      };
    },
    dispose() {
      swapStates(states, []);
      optimizer.dispose();
      model.dispose();
    },
  };

  const restore = async (state: TrainerState) => {
    const size = batch * modelConfig.hiddenSize;
    if (state.carried.length !== 2 * states.length || state.carried.some((a) => a.length !== size))
      throw new Error(
        `the saved state does not fit ${states.length} layers of batch ${batch} x hidden ${modelConfig.hiddenSize}`,
      );
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`invalid saved step ${state.step}`);
    await restoreOptimizer(optimizer, state.optimizer);
    const shape: [number, number] = [batch, modelConfig.hiddenSize];
    states = swapStates(
      states,
      states.map((_, i) => ({
        h: tf.tensor2d(state.carried[2 * i], shape),
        c: tf.tensor2d(state.carried[2 * i + 1], shape),
      })),
    );
    done = state.step;
  };
  return { trainer, restore };
}
