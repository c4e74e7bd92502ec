import * as tf from '@tensorflow/tfjs';
import { loopConstants, oneMinusSquare, slab, TANH_SCALE, tanhFromSigmoid, withOutputGrad } from './cell-math';
import type { BackwardOutput, CellStep, LayerParams, M2, PreparedLoop, StepResult, T2 } from './cell-types';
import { splitBlocks } from './layout';

/**
 * Vanilla RNN, torch.nn.RNN with tanh (MATHS.md, "RNN"):
 *   forward   a_t = x_t wx + bx + h_{t-1} wh + bh,   h_t = tanh(a_t)
 *   backward  da_t = dh_t * k_t with k_t = 1 - h_t^2,   dh_{t-1} = da_t wh^T,   dxp_t = dhp_t = da_t
 * where dh_t is the gradient from step t+1 plus the one from above. saved = [h_t].
 */
export const rnnStep: CellStep = {
  prepare(xp, p: LayerParams, hidden, batch): PreparedLoop {
    // Both biases are plain additions here, so bh joins the projection outside the loop.
    const xpScaled = tf.mul(tf.add(xp, p.bh), TANH_SCALE);
    return {
      xp: xpScaled,
      xpWidths: [hidden],
      wh: [tf.mul(p.wh, TANH_SCALE)],
      bh: null,
      aux: null,
      ...loopConstants(hidden, batch),
    };
  },
  forward(xpt, h, c, loop): StepResult {
    const hNext = tanhFromSigmoid(tf.sigmoid(tf.add(xpt[0], tf.matMul(h as M2, loop.wh[0] as M2))), loop);
    return { h: hNext, c, saved: [hNext] };
  },
  gates: () => [],
  backward(input): BackwardOutput {
    const { steps } = input;
    const hidden = input.h0.shape[1] as number;
    const k = splitBlocks(oneMinusSquare(slab(input.outputs)), steps, [hidden]);
    const da: T2[] = [];
    let dh = input.dhT;
    for (let t = steps - 1; t >= 0; t--) {
      da[t] = tf.mul(withOutputGrad(dh, input, t), k[t][0]);
      dh = tf.matMul(da[t] as M2, input.whT as M2);
    }
    const daAll = slab(da);
    return { dxp: daAll, dhp: daAll, dh0: dh, dc0: input.dcT };
  },
};
