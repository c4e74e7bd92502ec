/** HTTP paths the browser relies on besides the pages: part of the contract between app and server. */

/** The TensorFlow.js wasm binaries, served by the app itself (never a CDN); trailing slash required. */
export const WASM_ASSET_PREFIX = '/tfjs-wasm/';
