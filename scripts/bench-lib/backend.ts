import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Backends the Node scripts can run on. */
export type NodeBackend = 'wasm' | 'cpu';

/**
 * Selects a tfjs backend in Node. tfjs logs a hint about tfjs-node on its first use; the scripts
 * print machine-readable stdout, so that hint is sent to stderr.
 */
export async function useBackend(name: NodeBackend): Promise<void> {
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    await tf.setBackend(name);
    await tf.ready();
  } finally {
    console.log = log;
  }
}
