import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { runTrainBench, type Repeats } from './train-bench';

/** Entry bundled for headless Chromium by chromium.ts; the page serves the .wasm files under /wasm/. */
async function run(repeats: Repeats) {
  setWasmPaths('/wasm/');
  await tf.setBackend('wasm');
  await tf.ready();
  return runTrainBench('chromium', repeats);
}

Object.assign(window, { runTrainBench: run });
