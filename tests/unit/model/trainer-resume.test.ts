import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CELLS, OPTIMIZERS } from '../../../lib/model/kinds';
import { createTrainer, resumeTrainer, type TrainerState } from '../../../lib/model/trainer';
import { tinyModel, tinyTask, tinyTrain } from './helpers';

// tinyTask's 400 training tokens in 4 streams of 6-token windows make a pass of 16 windows, so 11 + 10
// steps cross a pass boundary (the carried state restarts from zero) after the resume.
const BEFORE = 11;
const AFTER = 10;

/** The state without the optimiser's slot names, which carry tfjs's global variable numbers. */
const numbers = (state: TrainerState) => ({
  ...state,
  optimizer: { ...state.optimizer, slots: state.optimizer.slots.map(({ shape, values }) => ({ shape, values })) },
});

describe('resumeTrainer', () => {
  for (const optimizer of OPTIMIZERS) {
    it(`continues a checkpointed ${optimizer} run bit for bit, for every cell`, async () => {
      for (const cell of CELLS) {
        const model = tinyModel(cell, { layers: 2 });
        const train = tinyTrain({ optimizer });

        const whole = createTrainer(model, train, tinyTask());
        const wholeLosses = Array.from({ length: BEFORE + AFTER }, () => whole.step().loss);

        const first = createTrainer(model, train, tinyTask());
        for (let i = 0; i < BEFORE; i++) first.step();
        // What IndexedDB stores and gives back is a structured clone.
        const saved = structuredClone(await first.checkpoint());
        first.dispose();

        const resumed = await resumeTrainer(model, train, tinyTask(), saved);
        const resumedLosses = Array.from({ length: AFTER }, () => resumed.step());

        expect(
          resumedLosses.map((r) => r.step),
          cell,
        ).toEqual(Array.from({ length: AFTER }, (_, i) => BEFORE + i + 1));
        expect(
          resumedLosses.map((r) => r.loss),
          `${cell} ${optimizer}`,
        ).toEqual(wholeLosses.slice(BEFORE));
        expect(
          Buffer.from(resumed.exportWeights()).equals(Buffer.from(whole.exportWeights())),
          `${cell} ${optimizer}`,
        ).toBe(true);
        expect(numbers(await resumed.checkpoint()), `${cell} ${optimizer}`).toEqual(numbers(await whole.checkpoint()));
        whole.dispose();
        resumed.dispose();
      }
    }, 30_000);
  }

  it('leaks no tensors and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const first = createTrainer(tinyModel('lstm'), tinyTrain(), tinyTask());
    first.step();
    const saved = await first.checkpoint();
    first.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const resumed = await resumeTrainer(tinyModel('lstm'), tinyTrain(), tinyTask(), saved);
    resumed.step();
    const afterOne = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) resumed.step();
    await resumed.checkpoint();
    expect(tf.memory().numTensors).toBe(afterOne);
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a state that does not fit the configs, and frees what it allocated', async () => {
    const first = createTrainer(tinyModel('gru'), tinyTrain(), tinyTask());
    first.step();
    const saved = await first.checkpoint();
    first.dispose();
    const before = tf.memory().numTensors;
    await expect(resumeTrainer(tinyModel('gru'), tinyTrain({ batchSize: 5 }), tinyTask(), saved)).rejects.toThrow(
      /does not fit/,
    );
    await expect(
      resumeTrainer(tinyModel('gru'), tinyTrain({ optimizer: 'rmsprop' }), tinyTask(), saved),
    ).rejects.toThrow(/another optimiser/);
    await expect(resumeTrainer(tinyModel('lstm'), tinyTrain(), tinyTask(), saved)).rejects.toThrow(
      /weights do not fit the config: cell gru, expected lstm/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
