import * as tf from '@tensorflow/tfjs';
import { tidy } from './tidy';
import type { TokenSplit } from '../data/types';
import { StreamBatcher } from './batches';
import { forwardPass, type LayerState } from './model-pass';
import type { RnnModel } from './model';

/** Validation (or test) metrics. */
export interface EvalMetrics {
  /**
   * Mean next-token cross-entropy in bits per token over the split: over every token, or over the
   * task's loss targets when it names them (see TaskData.loss).
   */
  valLoss: number;
  /**
   * Fraction of the split's check positions predicted right (see TokenSplit); for a split without
   * check positions, top-1 next-token accuracy over every position.
   */
  accuracy: number;
}

/** Zero state for every layer: h, c [batch, H]. The caller owns the tensors. */
export function zeroStates(model: RnnModel, batch: number): LayerState[] {
  return model.layers.map(() => ({
    h: tf.zeros([batch, model.config.hiddenSize]) as tf.Tensor2D,
    c: tf.zeros([batch, model.config.hiddenSize]) as tf.Tensor2D,
  }));
}

/** Replaces `old` states by `next`, disposing the old tensors `next` does not reuse; returns `next`. */
export function swapStates(old: LayerState[], next: LayerState[]): LayerState[] {
  const keep = new Set(next.flatMap((s) => [s.h, s.c]));
  for (const t of old.flatMap((s) => [s.h, s.c])) if (!keep.has(t)) t.dispose();
  return next;
}

/**
 * A batch size at most `preferred` whose parallel streams still hold one window of `steps` tokens,
 * for a split of `tokens` tokens. Pure.
 */
export function evalBatch(tokens: number, steps: number, preferred: number): number {
  return Math.max(1, Math.min(preferred, Math.floor((tokens - 1) / (steps + 1))));
}

/** What a task scores: its accuracy's candidate sets, and the tokens its loss averages over (all when absent). */
interface Scoring {
  candidateSets: number[][];
  lossTargets?: number[];
}

/**
 * Runs the model over one whole split (state carried across windows, no training) and measures
 * loss in bits per token and the task accuracy. Synchronous downloads per window; no tensors are
 * left behind.
 */
export function evaluateSplit(
  model: RnnModel,
  split: TokenSplit,
  { candidateSets, lossTargets }: Scoring,
  steps: number,
  preferredBatch = 32,
): EvalMetrics {
  const batch = evalBatch(split.tokens.length, steps, preferredBatch);
  const batcher = new StreamBatcher(split.tokens, batch, steps);
  const setAt = new Int32Array(split.tokens.length).fill(-1);
  split.checkPositions.forEach((p, k) => (setAt[p] = split.checkSets[k]));
  const everyPosition = split.checkPositions.length === 0;
  const vocab = model.config.vocabSize;
  const scored = new Uint8Array(vocab).fill(lossTargets ? 0 : 1);
  for (const t of lossTargets ?? []) scored[t] = 1;
  let states = zeroStates(model, batch);
  let nats = 0;
  let rows = 0;
  let right = 0;
  let checked = 0;
  for (let k = 0; k < batcher.windowsPerPass; k++) {
    const w = batcher.window(k);
    const out = tidy(() => {
      const fwd = forwardPass(model, tf.tensor1d(w.inputs, 'int32'), steps, states);
      return { logp: tf.logSoftmax(fwd.logits), states: fwd.states };
    });
    states = swapStates(states, out.states);
    const logp = out.logp.dataSync();
    out.logp.dispose();
    for (let r = 0; r < w.targets.length; r++) {
      const base = r * vocab;
      if (scored[w.targets[r]]) {
        nats -= logp[base + w.targets[r]];
        rows++;
      }
      const set = everyPosition ? null : setAt[w.targetIndex[r]];
      if (set === -1) continue;
      const candidates = set === null ? null : candidateSets[set];
      let best = -1;
      let bestP = -Infinity;
      for (let j = 0; j < (candidates ? candidates.length : vocab); j++) {
        const token = candidates ? candidates[j] : j;
        if (logp[base + token] > bestP) [best, bestP] = [token, logp[base + token]];
      }
      checked++;
      if (best === w.targets[r]) right++;
    }
  }
  swapStates(states, []);
  return { valLoss: nats / rows / Math.LN2, accuracy: checked ? right / checked : 0 };
}
