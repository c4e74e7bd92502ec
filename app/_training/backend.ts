import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_ASSET_PREFIX } from '@/lib/protocol/http-paths';

import { BACKEND_NAMES, type BackendName } from './backend-names';

/**
 * Starts `preferred` (the page's measured or the student's choice), or when it cannot start the next
 * one that does in the order webgpu, webgl, wasm, cpu; all of them from webgpu when none is given.
 * Runs in the training worker. Resolves with the backend in use.
 */
export async function chooseBackend(preferred?: BackendName): Promise<BackendName> {
  pointWasmAtThisApp();
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

/** Starts exactly `name` (a probe worker); resolves false when it cannot start here. */
export async function startBackend(name: BackendName): Promise<boolean> {
  pointWasmAtThisApp();
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Must precede the wasm backend's initialisation; the binaries come from this app, never a CDN. */
function pointWasmAtThisApp(): void {
  setWasmPaths(new URL(WASM_ASSET_PREFIX, self.location.origin).href);
}
