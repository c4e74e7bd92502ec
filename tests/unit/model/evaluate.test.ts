import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateSplit } from '../../../lib/model/evaluate';
import { RnnModel } from '../../../lib/model/model';
import { tinyModel, tinyTask } from './helpers';

describe('evaluateSplit', () => {
  // A decoder with zero weights predicts softmax(bias) whatever the input: the loss is known exactly.
  const bias = [2, 0, -1, 1];
  const logSoftmax = bias.map((b) => b - Math.log(bias.reduce((sum, x) => sum + Math.exp(x), 0)));
  const bits = (token: number) => -logSoftmax[token] / Math.LN2;
  const split = tinyTask().validation;
  const candidateSets = [[0, 1, 2, 3]];

  const withFixedOutput = () => {
    const model = new RnnModel(tinyModel('gru'));
    model.decoderW.assign(tf.zerosLike(model.decoderW));
    model.decoderB.assign(tf.tensor1d(bias));
    return model;
  };

  it('averages the loss over the task loss targets only, when it names them', () => {
    const model = withFixedOutput();
    expect(evaluateSplit(model, split, { candidateSets, lossTargets: [2] }, 6).valLoss).toBeCloseTo(bits(2), 5);
    const both = evaluateSplit(model, split, { candidateSets, lossTargets: [0, 1] }, 6).valLoss;
    expect(both).toBeGreaterThan(Math.min(bits(0), bits(1)));
    expect(both).toBeLessThan(Math.max(bits(0), bits(1)));
    model.dispose();
  });

  it('averages over every token otherwise, and the accuracy does not depend on the loss targets', () => {
    const model = withFixedOutput();
    const all = evaluateSplit(model, split, { candidateSets }, 6);
    // The periodic stream 1, 2, 0, 1, 2, 0, … has each of tokens 0-2 as a third of the targets.
    expect(all.valLoss).toBeCloseTo((bits(0) + bits(1) + bits(2)) / 3, 1);
    expect(evaluateSplit(model, split, { candidateSets, lossTargets: [0, 1, 2, 3] }, 6)).toEqual(all);
    expect(evaluateSplit(model, split, { candidateSets, lossTargets: [3] }, 6).accuracy).toBe(all.accuracy);
    model.dispose();
  });
});
