import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReferenceCase, parseReferenceCase } from '../../../lib/model/reference-check';
import { createTrainer } from '../../../lib/model/trainer';
import { tinyModel, tinyTask, tinyTrain } from './helpers';

// The wasm backend runs several steps on the host (lib/model/layout.ts, crossEntropy); other backends on the device.
const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/rnn-reference/', import.meta.url));
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
      const r = await on('wasm', () => checkReferenceCase(file, parseReferenceCase(JSON.parse(readFileSync(`${fixtures}${file}`, 'utf8')))));
      expect(r.pass, file).toBe(true);
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
