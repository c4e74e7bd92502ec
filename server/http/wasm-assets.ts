import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { WASM_ASSET_PREFIX } from '../../lib/protocol/http-paths';

const packageDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);
/** Where `npm run build` leaves the binaries, each as is and compressed (server and build run from the root). */
export const WASM_BUILD_DIR = path.join(process.cwd(), 'dist', 'wasm');
/** The binaries tfjs may ask for: plain, SIMD, and SIMD with threads (needs cross-origin isolation). */
const FILES = new Set([
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]);
const ONE_DAY_S = 24 * 60 * 60;

/** Encodings in order of preference, each with the suffix of its precompressed file. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'] | 'identity';

/**
 * Copies the binaries of the installed tfjs-backend-wasm into `outDir` with a Brotli (.br, quality 11)
 * and a gzip (.gz, level 9) copy of each: 3.3–4.0 and 2.6–3.1 times smaller. Brotli at its best takes
 * seconds per file, which is why this runs once, at build time, and never on a request.
 */
export async function precompressWasm(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  await Promise.all(
    [...FILES].map(async (name) => {
      const raw = await readFile(path.join(packageDist, name));
      const br = await brotli(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      await Promise.all([
        writeFile(path.join(outDir, name), raw),
        writeFile(path.join(outDir, `${name}.br`), br),
        writeFile(path.join(outDir, `${name}.gz`), await gzipped(raw, { level: 9 })),
      ]);
    }),
  );
}

/**
 * The encoding to send for an Accept-Encoding header: the first of br and gzip the client accepts
 * (listed, or covered by `*`, with a q-value above 0), else identity.
 */
function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!token) continue;
    const weight = params.find((p) => p.startsWith('q='));
    q.set(token, weight === undefined ? 1 : Number(weight.slice(2)) || 0);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  return ENCODINGS.find((e) => accepted(e.name))?.name ?? 'identity';
}

/** Each file as built, read once and kept: a class asks for the same one or two files hundreds of times. */
const cache = new Map<string, Promise<Buffer>>();
function builtFile(file: string): Promise<Buffer> {
  let body = cache.get(file);
  if (!body) {
    body = readFile(path.join(WASM_BUILD_DIR, file));
    // A failed read (no build yet) is tried again on the next request, not remembered.
    body.catch(() => cache.delete(file));
    cache.set(file, body);
  }
  return body;
}

/**
 * Serves the tfjs wasm binaries `npm run build` copied from the installed package (so their version
 * matches the bundled JavaScript that loads them), Brotli- or gzip-compressed for clients that accept it.
 * Returns false when the request is not for one of them.
 */
export function serveWasmAsset(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith(WASM_ASSET_PREFIX)) return false;
  const name = req.url.slice(WASM_ASSET_PREFIX.length).split('?')[0];
  if (!FILES.has(name)) {
    res.writeHead(404).end();
    return true;
  }
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const suffix = ENCODINGS.find((e) => e.name === encoding)?.suffix ?? '';
  builtFile(name + suffix).then(
    (body) => {
      res.writeHead(200, {
        'content-type': 'application/wasm',
        'content-length': body.length,
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
        // Caches must key on the header: the same URL has three bodies.
        vary: 'Accept-Encoding',
        'cache-control': `public, max-age=${ONE_DAY_S}`,
        'cross-origin-resource-policy': 'same-origin',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    (err: unknown) => {
      console.error(`Cannot serve ${name}: ${err instanceof Error ? err.message : String(err)} (run npm run build)`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('The wasm binaries are not built.');
    },
  );
  return true;
}
