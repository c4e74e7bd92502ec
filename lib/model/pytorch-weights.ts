import * as tf from '@tensorflow/tfjs';
import type { LayerParams } from './cell-types';

/**
 * One layer's weights exactly as PyTorch names and shapes them (nn.RNN / nn.LSTM / nn.GRU, layer l):
 * weight_ih [G*H][I], weight_hh [G*H][H], bias_ih [G*H], bias_hh [G*H], gate blocks in PyTorch order.
 */
export interface PyTorchLayerWeights {
  weight_ih: number[][];
  weight_hh: number[][];
  bias_ih: number[];
  bias_hh: number[];
}

/**
 * Converts PyTorch-layout arrays into our transposed tensors (wx = weight_ih^T [I, G*H], wh =
 * weight_hh^T [H, G*H], bx, bh [G*H]). The caller owns the four new tensors.
 */
export function layerFromPyTorch(w: PyTorchLayerWeights): LayerParams {
  return tf.tidy(() => ({
    wx: tf.transpose(tf.tensor2d(w.weight_ih)) as tf.Tensor2D,
    wh: tf.transpose(tf.tensor2d(w.weight_hh)) as tf.Tensor2D,
    bx: tf.tensor1d(w.bias_ih),
    bh: tf.tensor1d(w.bias_hh),
  }));
}
