import * as tf from '@tensorflow/tfjs';

/** One saved tensor: its name in the optimiser, its shape and its float32 values, row-major. */
export interface SavedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Everything an optimiser carries from one step to the next, as plain arrays (structured-clone safe). */
export interface OptimizerState {
  /** `optimizer.getWeights()` in its order: the iteration count, then every slot (Adam m then v, ...). */
  slots: SavedTensor[];
  /** Adam's running products beta1^t and beta2^t (float32), or null for the other optimisers. */
  adamPowers: [number, number] | null;
}

/**
 * tfjs's Adam keeps beta1^t and beta2^t as two variables outside getWeights(), and its setWeights()
 * recomputes them with pow(), which differs in the last bits from the product it accumulates step by
 * step; a bit-exact resume has to carry them itself.
 */
interface AdamPowers {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

// By class name: tfjs's Optimizer answers `instanceof` for any optimiser, whatever its class.
const adamPowersOf = (optimizer: tf.Optimizer): AdamPowers | null =>
  optimizer.getClassName() === tf.AdamOptimizer.className ? (optimizer as unknown as AdamPowers) : null;

/** Copies the optimiser's state out of the backend. Allocates nothing that outlives the call. */
export async function saveOptimizer(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const named = await optimizer.getWeights();
  const slots = await Promise.all(
    named.map(async ({ name, tensor }) => ({
      name,
      shape: tensor.shape,
      values: Float32Array.from(await tensor.data()),
    })),
  );
  // getWeights() makes the iteration count a fresh scalar; the slots are the optimiser's own variables.
  named[0].tensor.dispose();
  const powers = adamPowersOf(optimizer);
  return {
    slots,
    adamPowers: powers ? [powers.accBeta1.dataSync()[0], powers.accBeta2.dataSync()[0]] : null,
  };
}

/**
 * Puts a saved state into a fresh optimiser of the same kind and learning rate, for the same variables in
 * the same order. Throws when Adam's powers are missing for Adam or present for another optimiser.
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, state: OptimizerState): Promise<void> {
  const powers = adamPowersOf(optimizer);
  if ((powers === null) !== (state.adamPowers === null))
    throw new Error('the saved optimiser state is of another optimiser');
  const tensors = state.slots.map(({ name, shape, values }) => ({ name, tensor: tf.tensor(values, shape) }));
  await optimizer.setWeights(tensors);
  tf.dispose(tensors.map((t) => t.tensor));
  const saved = state.adamPowers;
  if (powers && saved) {
    tf.tidy(() => {
      powers.accBeta1.assign(tf.scalar(saved[0]));
      powers.accBeta2.assign(tf.scalar(saved[1]));
    });
  }
}
