import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { WASM_ASSET_PREFIX } from '../../lib/protocol/http-paths';

const distDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);
/** The binaries tfjs may ask for: plain, SIMD, and SIMD with threads (needs cross-origin isolation). */
const FILES = new Set([
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]);
const ONE_DAY_S = 24 * 60 * 60;

/**
 * Serves the tfjs wasm binaries from the installed package, so their version always matches the
 * JavaScript that loads them. Returns false when the request is not for one of them.
 */
export function serveWasmAsset(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith(WASM_ASSET_PREFIX)) return false;
  const name = req.url.slice(WASM_ASSET_PREFIX.length).split('?')[0];
  if (!FILES.has(name)) {
    res.writeHead(404).end();
    return true;
  }
  res.writeHead(200, {
    'content-type': 'application/wasm',
    'cache-control': `public, max-age=${ONE_DAY_S}`,
    'cross-origin-resource-policy': 'same-origin',
  });
  createReadStream(path.join(distDir, name)).pipe(res);
  return true;
}
