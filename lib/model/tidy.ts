import * as tf from '@tensorflow/tfjs';

/**
 * tf.tidy for results typed as interfaces (tfjs's TensorContainer type only accepts index-signature
 * objects). Tensors anywhere in the returned object survive; everything else made in `fn` is freed.
 */
export function tidy<T>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
