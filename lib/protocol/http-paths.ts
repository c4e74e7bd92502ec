/** HTTP paths the browser relies on besides the pages: part of the contract between app and server. */

/** The TensorFlow.js wasm binaries, served by the app itself (never a CDN); trailing slash required. */
export const WASM_ASSET_PREFIX = '/tfjs-wasm/';

/**
 * The training Web Worker, bundled by esbuild at build time (`npm run build:worker`): Next.js's bundlers
 * turn a module worker into a classic one, which breaks TensorFlow.js's chunk loading inside it.
 */
export const TRAINING_WORKER_PATH = '/workers/training.js';

/**
 * The instructor's uploaded texts of a session: POST the raw UTF-8 file here (header
 * `Authorization: Bearer <hostToken>`) to get `{ textId, characters, vocabSize }`; GET `<path>/<textId>`
 * returns the text. A challenge names the text by `task.params.textId`.
 */
export const textsPath = (code: string) => `/api/sessions/${code}/texts`;

/**
 * The whole session for after class, read with `Authorization: Bearer <hostToken or reviewKey>`: `csv`
 * one row per run, `json` everything (`SessionExport` in review.ts). See PROTOCOL.md, "After class".
 */
export const exportPath = (code: string, format: 'csv' | 'json') => `/api/sessions/${code}/export.${format}`;

/**
 * A run's best weights (lib/model/weights-io.ts's blob), uploaded by its student for the server to score on
 * the round's secret test split: POST with `Authorization: Bearer <token>`, `application/octet-stream`.
 */
export const weightsPath = (code: string, runId: string) => `/api/sessions/${code}/runs/${runId}/weights`;
