import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_ASSET_PREFIX } from '@/lib/protocol/http-paths';

import { BACKEND_NAMES, type BackendName } from './backend-names';

/**
 * Picks the fastest backend that initialises here, in the order webgpu, webgl, wasm, cpu, starting at
 * `preferred` when given (tests ask for wasm: software WebGL compiles shaders for minutes). Runs in the
 * training worker. Resolves with the backend in use.
 */
export async function chooseBackend(preferred?: BackendName): Promise<BackendName> {
  // Must precede the wasm backend's initialisation; the binaries come from this app, never a CDN.
  setWasmPaths(new URL(WASM_ASSET_PREFIX, self.location.origin).href);
  const order = preferred ? BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(preferred)) : BACKEND_NAMES;
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // Not available on this device (no WebGPU adapter, no WebGL context): try the next one.
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser.');
}
