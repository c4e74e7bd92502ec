/**
 * Part of `npm run build`: copies the tfjs wasm binaries into dist/wasm/ with their Brotli and gzip
 * copies, which the server sends to browsers that accept them.
 */
import { precompressWasm, WASM_BUILD_DIR } from '../server/http/wasm-assets';

await precompressWasm(WASM_BUILD_DIR);
