import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countParameters } from '../../../lib/model/config';
import { CELLS } from '../../../lib/model/kinds';
import { createTrainer } from '../../../lib/model/trainer';
import { tinyModel, tinyTask, tinyTrain } from './helpers';

describe('trainer', () => {
  it('leaks no tensors: the count after step 10 equals the count after step 500', () => {
    for (const cell of CELLS) {
      const t = createTrainer(tinyModel(cell, { layers: 2 }), tinyTrain({ seqLength: 3 }), tinyTask());
      for (let i = 0; i < 10; i++) t.step();
      const after10 = tf.memory().numTensors;
      for (let i = 10; i < 500; i++) t.step();
      expect(tf.memory().numTensors, cell).toBe(after10);
      t.evaluate();
      t.inspect();
      t.sample(1, 5, 1);
      expect(tf.memory().numTensors, cell).toBe(after10);
      t.dispose();
    }
    // 1,500 training steps: about 3 s alone, but the suite runs files in parallel on two cores.
  }, 30_000);

  it('frees everything on dispose', () => {
    const before = tf.memory().numTensors;
    const t = createTrainer(tinyModel('lstm'), tinyTrain(), tinyTask());
    t.step();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const run = (seed: number) => {
      const t = createTrainer(tinyModel('gru', { seed }), tinyTrain(), tinyTask());
      const losses = Array.from({ length: 5 }, () => t.step().loss);
      const blob = t.exportWeights();
      t.dispose();
      return { losses, blob };
    };
    const a = run(1);
    const b = run(1);
    expect(b.losses).toEqual(a.losses);
    expect(Buffer.from(b.blob).equals(Buffer.from(a.blob))).toBe(true);
    expect(run(2).losses).not.toEqual(a.losses);
  });

  for (const optimizer of ['adam', 'rmsprop', 'sgd'] as const) {
    it(`learns a periodic stream with ${optimizer}`, () => {
      for (const cell of CELLS) {
        const lr = optimizer === 'sgd' ? 0.3 : 0.02;
        const t = createTrainer(tinyModel(cell), tinyTrain({ optimizer, learningRate: lr }), tinyTask());
        const before = t.evaluate();
        for (let i = 0; i < 150; i++) t.step();
        const after = t.evaluate();
        expect(after.valLoss, `${cell} ${optimizer}`).toBeLessThan(before.valLoss * 0.5);
        expect(after.accuracy, `${cell} ${optimizer}`).toBeGreaterThan(0.9);
        t.dispose();
      }
    });
  }

  it('reports gates per step and unit and a gradient norm per step', () => {
    const t = createTrainer(tinyModel('lstm', { layers: 2 }), tinyTrain(), tinyTask());
    const r = t.inspect();
    expect(r.tokens).toHaveLength(6);
    expect(r.gradNorm).toHaveLength(6);
    expect(r.gradNorm.every((n) => n > 0 && Number.isFinite(n))).toBe(true);
    expect(r.gates).toHaveLength(2);
    expect(Object.keys(r.gates[0])).toEqual(['i', 'f', 'g', 'o', 'c']);
    expect(r.gates[1].f).toHaveLength(6);
    expect(r.gates[1].f[0]).toHaveLength(8);
    expect(r.gates[0].i.flat().every((v) => v > 0 && v < 1)).toBe(true);
    t.dispose();
  });

  it('rejects weights of another shape, a config that does not fit the task and a layer count it cannot build', () => {
    const t = createTrainer(tinyModel('lstm'), tinyTrain(), tinyTask());
    const blob = t.exportWeights();
    t.dispose();
    expect(() => createTrainer(tinyModel('gru'), tinyTrain(), tinyTask(), blob)).toThrow(/cell/);
    expect(() => createTrainer(tinyModel('lstm', { vocabSize: 9 }), tinyTrain(), tinyTask())).toThrow(/vocabSize/);
    for (const layers of [0, 1.5, 3]) {
      expect(() => createTrainer(tinyModel('lstm', { layers }), tinyTrain(), tinyTask())).toThrow(/layers/);
    }
    const restored = createTrainer(tinyModel('lstm'), tinyTrain(), tinyTask(), blob);
    expect(Buffer.from(restored.exportWeights()).equals(Buffer.from(blob))).toBe(true);
    restored.dispose();
  });

  it('counts parameters without tensors, matching the blob size', () => {
    for (const cell of CELLS) {
      const c = tinyModel(cell, { layers: 2 });
      const t = createTrainer(c, tinyTrain(), tinyTask());
      expect((t.exportWeights().length - 24) / 4).toBe(countParameters(c));
      t.dispose();
    }
    expect(countParameters({ cell: 'lstm', hiddenSize: 128, layers: 1, vocabSize: 64, embeddingSize: 32 })).toBe(
      64 * 32 + 4 * 128 * (32 + 128 + 2) + 128 * 64 + 64,
    );
  });
});
