import { describe, expect, it } from 'vitest';
import { initialWeights } from '../../../lib/model/init';
import { tinyModel } from './helpers';

describe('seeded initialisation', () => {
  it('makes each orthogonal recurrent block orthogonal', () => {
    const w = initialWeights(tinyModel('lstm', { init: 'orthogonal' }));
    const H = 8;
    for (let block = 0; block < 4; block++) {
      const m = w.layers[0].weight_hh.subarray(block * H * H, (block + 1) * H * H);
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < H; j++) {
          let d = 0;
          for (let k = 0; k < H; k++) d += m[i * H + k] * m[j * H + k];
          expect(d).toBeCloseTo(i === j ? 1 : 0, 5);
        }
      }
    }
  });

  it('puts the gate bias on the LSTM forget gate and the GRU update gate only', () => {
    const H = 8;
    const lstm = initialWeights(tinyModel('lstm', { gateBias: 3, init: 'glorot' })).layers[0];
    expect(Array.from(lstm.bias_ih.subarray(H, 2 * H))).toEqual(new Array(H).fill(3));
    expect(Array.from(lstm.bias_ih.subarray(0, H))).toEqual(new Array(H).fill(0));
    const gru = initialWeights(tinyModel('gru', { gateBias: -2, init: 'pytorch' })).layers[0];
    expect(Array.from(gru.bias_ih.subarray(H, 2 * H))).toEqual(new Array(H).fill(-2));
    expect(Array.from(gru.bias_hh.subarray(H, 2 * H))).toEqual(new Array(H).fill(0));
    expect(Math.max(...gru.bias_hh.subarray(0, H).map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(H));
  });

  it('is a pure function of the seed', () => {
    expect(initialWeights(tinyModel('rnn', { seed: 3 }))).toEqual(initialWeights(tinyModel('rnn', { seed: 3 })));
    expect(initialWeights(tinyModel('rnn', { seed: 3 }))).not.toEqual(initialWeights(tinyModel('rnn', { seed: 4 })));
  });
});
