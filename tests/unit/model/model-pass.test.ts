import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { StreamBatcher } from '../../../lib/model/batches';
import { zeroStates } from '../../../lib/model/evaluate';
import { RnnModel } from '../../../lib/model/model';
import { backwardPass, clipByGlobalNorm, crossEntropy, forwardPass } from '../../../lib/model/model-pass';
import { decodeWeights, encodeWeights, fromStateDict, toStateDict } from '../../../lib/model/weights-io';
import { tinyModel } from './helpers';

describe('model forward and hand-written backward', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}, 2 layers: matches tfjs autograd through the same forward ops`, () => {
      const model = new RnnModel(tinyModel(cell, { layers: 2, init: 'pytorch' }));
      const [T, B] = [5, 3];
      const inputs = tf.tensor1d(
        Array.from({ length: T * B }, (_, i) => (i * 7) % 4),
        'int32',
      );
      const targets = tf.tensor1d(
        Array.from({ length: T * B }, (_, i) => (i * 5 + 1) % 4),
        'int32',
      );
      const states = zeroStates(model, B);
      const ours = tf.tidy(() => {
        const fwd = forwardPass(model, inputs, T, states);
        return backwardPass(model, inputs, fwd, crossEntropy(fwd.logits, targets, null).dLogits).grads;
      });
      const auto = tf.variableGrads(
        () => crossEntropy(forwardPass(model, inputs, T, states).logits, targets, null).loss as tf.Scalar,
        model.variables(),
      );
      model.variables().forEach((v, i) => {
        const diff = tf.max(tf.abs(tf.sub(ours[i], auto.grads[v.name]))).dataSync()[0];
        expect(diff, `${cell} variable ${i}`).toBeLessThan(1e-5);
      });
      tf.dispose([...ours, ...Object.values(auto.grads), auto.value, inputs, targets]);
      tf.dispose(states.flatMap((s) => [s.h, s.c]));
      model.dispose();
    });
  }

  it('clips by global norm', () => {
    const out = tf.tidy(() =>
      clipByGlobalNorm([tf.tensor1d([3, 0]), tf.tensor1d([4])], 1).map((g) => Array.from(g.dataSync())),
    );
    expect(out[0][0]).toBeCloseTo(0.6, 6);
    expect(out[1][0]).toBeCloseTo(0.8, 6);
  });
});

describe('stream batches for truncated BPTT', () => {
  it('continue each parallel stream in the next window and restart after a pass', () => {
    const tokens = Int32Array.from({ length: 100 }, (_, i) => i);
    const b = new StreamBatcher(tokens, 4, 6);
    const w0 = b.window(0);
    const w1 = b.window(1);
    for (let s = 0; s < 4; s++) expect(w1.inputs[s]).toBe(w0.targets[5 * 4 + s]);
    expect(w0.reset).toBe(true);
    expect(w1.reset).toBe(false);
    expect(b.window(b.windowsPerPass).reset).toBe(true);
    expect(Array.from(w0.targetIndex.slice(0, 4))).toEqual([1, 26, 51, 76]);
    expect(() => new StreamBatcher(tokens, 32, 6)).toThrow(/too short/);
  });
});

describe('weight formats', () => {
  const config = tinyModel('gru', { layers: 2 });
  const model = new RnnModel(config);
  const w = model.weights();
  model.dispose();

  it('round-trips the binary blob exactly and rejects damage', () => {
    const blob = encodeWeights(config, w);
    const back = decodeWeights(blob);
    expect(back.shape).toEqual({ cell: 'gru', layers: 2, hiddenSize: 8, vocabSize: 4, embeddingSize: 5 });
    expect(back.weights).toEqual(w);
    expect(() => decodeWeights(blob.slice(0, blob.length - 4))).toThrow(/size/);
    const bad = blob.slice();
    bad[0] = 0;
    expect(() => decodeWeights(bad)).toThrow(/not an RNN Arena/);
    const nan = blob.slice();
    new DataView(nan.buffer).setFloat32(24, NaN, true);
    expect(() => decodeWeights(nan)).toThrow(/non-finite/);
  });

  it('round-trips a PyTorch state dict with PyTorch names and shapes', () => {
    const dict = toStateDict(config, w);
    expect(Object.keys(dict)).toContain('rnn.weight_hh_l1');
    expect((dict['rnn.weight_ih_l0'] as number[][]).length).toBe(24);
    expect((dict['rnn.weight_ih_l0'] as number[][])[0].length).toBe(5);
    expect((dict['decoder.weight'] as number[][]).length).toBe(4);
    expect(fromStateDict(config, dict)).toEqual(w);
    expect(() => fromStateDict(config, { ...dict, 'rnn.bias_hh_l1': [1, 2] })).toThrow(/rnn.bias_hh_l1/);
  });
});
