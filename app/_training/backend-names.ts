/** TensorFlow.js backends in the order they are tried: fastest first, pure JavaScript last. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
