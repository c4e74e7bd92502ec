import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherBlocks, productWithSums, splitBlocks, sumRowsByToken } from '../../../lib/model/layout';
import { crossEntropy } from '../../../lib/model/model-pass';
import { checkReferenceCase, parseReferenceCase } from '../../helpers/reference-check';
import { createTrainer } from '../../../lib/model/trainer';
import { tinyModel, tinyTask, tinyTrain } from './helpers';

// The wasm backend runs several steps on the host (lib/model/layout.ts, crossEntropy); other backends on the device.
const fixtures = fileURLToPath(new URL('../../fixtures/rnn-reference/', import.meta.url));
const index = JSON.parse(readFileSync(`${fixtures}index.json`, 'utf8')) as { cases: { file: string }[] };

async function on<T>(backend: string, fn: () => T): Promise<T> {
  await tf.setBackend(backend);
  await tf.ready();
  return fn();
}

describe('wasm backend', () => {
  afterAll(() => tf.setBackend('cpu'));

  it('passes every reference case', async () => {
    for (const { file } of index.cases) {
      const r = await on('wasm', () =>
        checkReferenceCase(file, parseReferenceCase(JSON.parse(readFileSync(`${fixtures}${file}`, 'utf8')))),
      );
      expect(r.pass, file).toBe(true);
    }
  });

  it('computes the host-side helpers as the device ops do on cpu', async () => {
    const [steps, batch, width, vocab] = [3, 4, 5, 6];
    const ids = Array.from({ length: steps * batch }, (_, i) => (i * 5) % vocab);
    const weights = Array.from({ length: steps * batch }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const values = (n: number, salt: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + salt));
    const run = () =>
      tf.tidy(() => {
        const table = tf.tensor2d(values(vocab * width, 1), [vocab, width]);
        const x = tf.tensor2d(values(steps * batch * width, 2), [steps * batch, width]);
        const idTensor = tf.tensor1d(ids, 'int32');
        const logits = tf.tensor2d(values(steps * batch * vocab, 3), [steps * batch, vocab]);
        const byToken = sumRowsByToken(idTensor, x, vocab);
        const withSums = productWithSums(x, tf.tensor2d(values(steps * batch * 2, 4), [steps * batch, 2]));
        const ce = crossEntropy(logits, idTensor, tf.tensor1d(weights));
        const read = (t: tf.Tensor) => Array.from(t.dataSync());
        return {
          gathered: gatherBlocks(table, idTensor, steps, [2, 3]).flat().map(read),
          split: splitBlocks(x, steps, [4, 1]).flat().map(read),
          byToken: read(byToken.byToken),
          all: read(byToken.all),
          product: read(withSums.product),
          sums: read(withSums.sums),
          loss: read(ce.loss),
          dLogits: read(ce.dLogits),
        };
      });
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (const key of Object.keys(cpu) as (keyof typeof cpu)[]) {
      const [a, b] = [cpu[key].flat(), wasm[key].flat()];
      expect(b.length, key).toBe(a.length);
      a.forEach((v, i) => expect(Math.abs(v - b[i]), `${key}[${i}]`).toBeLessThan(1e-5));
    }
  });

  it('trains like the cpu backend, two layers, every cell, without leaks', async () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const run = () => {
        const t = createTrainer(tinyModel(cell, { layers: 2 }), tinyTrain(), tinyTask());
        const losses = Array.from({ length: 8 }, () => t.step().loss);
        const before = tf.memory().numTensors;
        t.step();
        const leaked = tf.memory().numTensors - before;
        const gradNorm = t.inspect().gradNorm;
        t.dispose();
        return { losses, leaked, gradNorm };
      };
      const cpu = await on('cpu', run);
      const wasm = await on('wasm', run);
      expect(wasm.leaked).toBe(0);
      wasm.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i])).toBeLessThan(1e-4));
      wasm.gradNorm.forEach((g, i) => expect(Math.abs(g - cpu.gradNorm[i]) / cpu.gradNorm[i]).toBeLessThan(1e-3));
    }
  });
});
