import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GATE_MEANINGS } from '../../../app/_components/charts/gate-scale';
import { layerForward, layerGates } from '../../../lib/model/layer';
import type { LayerParams } from '../../../lib/model/cell-types';
import type { CellKind } from '../../../lib/model/kinds';

/**
 * The gate view's words (GATE_MEANINGS) held to the engine: one step of the real LSTM and GRU layers with
 * one gate pinned near 0 or 1 by its bias, and what the cell then does with its old state.
 */
const [H, I, B] = [3, 2, 2];
const SATURATE = 30;
const BLOCKS: Record<'lstm' | 'gru', readonly string[]> = { lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };

/** Fixed, non-trivial values in [-0.5, 0.5]. */
const values = (n: number, salt: number) => Array.from({ length: n }, (_, k) => 0.5 * Math.sin(k * 1.7 + salt));

/** Small weights, and bias ±SATURATE on the named gate blocks (bias_ih, as the gate-bias setting does). */
function params(cell: 'lstm' | 'gru', pinned: Record<string, number>): LayerParams {
  const width = BLOCKS[cell].length * H;
  const bias = values(width, 3).map((v, col) => pinned[BLOCKS[cell][Math.floor(col / H)]] ?? v);
  return {
    wx: tf.tensor2d(values(I * width, 1), [I, width]),
    wh: tf.tensor2d(values(H * width, 2), [H, width]),
    bx: tf.tensor1d(bias),
    bh: tf.tensor1d(values(width, 4)),
  };
}

/** One step from (h0, c0): the new h and c, and the gates by name. */
function step(cell: CellKind & ('lstm' | 'gru'), p: LayerParams, h0: number[], c0: number[]) {
  return tf.tidy(() => {
    const x = tf.tensor2d(values(B * I, 5), [B, I]);
    const out = layerForward(cell, { x }, tf.tensor2d(h0, [B, H]), tf.tensor2d(c0, [B, H]), p, 1);
    const gates = layerGates(out.cache)[0].map((g) => Array.from(g.dataSync()));
    return { h: Array.from(out.hT.dataSync()), c: Array.from(out.cT.dataSync()), gates };
  });
}

const stateA = values(B * H, 7);
const stateB = values(B * H, 11).map((v) => v * 3);
const expectClose = (a: number[], b: number[]) => a.forEach((v, k) => expect(v).toBeCloseTo(b[k], 5));

describe('the gate view says what the engine does', () => {
  it('LSTM: a forget gate at 1 (with nothing written) keeps the cell; at 0 it clears it', () => {
    expect(GATE_MEANINGS.f).toMatchObject({ low: 'forgets', high: 'remembers' });
    const keep = step('lstm', params('lstm', { f: SATURATE, i: -SATURATE }), stateA, stateB);
    expectClose(keep.c, stateB);
    // Forgetting: the new cell is i·g whatever the old one was.
    const forget = params('lstm', { f: -SATURATE });
    expectClose(step('lstm', forget, stateA, stateA).c, step('lstm', forget, stateA, stateB).c);
  });

  it('LSTM: an input gate at 0 writes nothing of the candidate; an output gate at 0 hides the cell', () => {
    expect(GATE_MEANINGS.i).toMatchObject({ low: 'writes nothing' });
    // Nothing kept and nothing written: the cell is empty.
    expectClose(step('lstm', params('lstm', { f: -SATURATE, i: -SATURATE }), stateA, stateB).c, Array(B * H).fill(0));
    expect(GATE_MEANINGS.o).toMatchObject({ low: 'hides it' });
    expectClose(step('lstm', params('lstm', { o: -SATURATE }), stateA, stateB).h, Array(B * H).fill(0));
  });

  it('GRU (h = (1 − z)·n + z·h_prev): an update gate at 1 keeps the old state; at 0 it takes the candidate', () => {
    expect(GATE_MEANINGS.z).toMatchObject({ low: 'takes the candidate', high: 'keeps the old state' });
    expectClose(step('gru', params('gru', { z: SATURATE }), stateA, stateA).h, stateA);
    const take = step('gru', params('gru', { z: -SATURATE }), stateA, stateA);
    expectClose(take.h, take.gates[2]);
  });

  it('GRU: a reset gate at 0 makes the candidate ignore the old state', () => {
    expect(GATE_MEANINGS.r).toMatchObject({ low: 'ignores the old state' });
    const reset = params('gru', { r: -SATURATE });
    expectClose(step('gru', reset, stateA, stateA).gates[2], step('gru', reset, stateB, stateB).gates[2]);
  });

  it('names every quantity the engine reports, and calls the cell state and the candidates no gate', () => {
    for (const name of ['i', 'f', 'g', 'o', 'c', 'r', 'z', 'n']) expect(GATE_MEANINGS[name]).toBeDefined();
    for (const name of ['c', 'g', 'n']) expect(GATE_MEANINGS[name].what).toContain('(not a gate)');
  });
});
