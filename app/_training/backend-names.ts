/** TensorFlow.js backends in their fallback order, pure JavaScript last (the page measures which is fastest). */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
