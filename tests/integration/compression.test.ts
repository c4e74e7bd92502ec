import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_WORKER_PATH, WASM_ASSET_PREFIX } from '@/lib/protocol/http-paths';
import { startServerProcess } from '../helpers/server-process';

const WASM = 'tfjs-backend-wasm-simd.wasm';
const packageDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it came over the wire, not decoded. */
  body: Buffer;
}

/** A GET that sends exactly `headers` and leaves the body as sent (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('compressed assets', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let dataDir: string;
  let original: Buffer;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-compression-'));
    server = await startServerProcess({ REDIS_URL: '', DATA_DIR: dataDir });
    original = await readFile(path.join(packageDist, WASM));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['br;q=0, gzip', 'gzip', gunzipSync],
    ['*', 'br', brotliDecompressSync],
  ])(
    'answers Accept-Encoding "%s" with the wasm binary in %s, a fraction of its size',
    async (accept, encoding, decode) => {
      const res = await rawGet(`${server.url}${WASM_ASSET_PREFIX}${WASM}`, { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toBe('application/wasm');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(original.length / 2);
      expect(decode(res.body).equals(original)).toBe(true);
    },
  );

  it.each([[undefined], ['identity'], ['br;q=0, gzip;q=0'], ['compress']])(
    'sends the wasm binary as it is to a client whose Accept-Encoding is %s',
    async (accept) => {
      const res = await rawGet(
        `${server.url}${WASM_ASSET_PREFIX}${WASM}`,
        accept === undefined ? {} : { 'accept-encoding': accept },
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.equals(original)).toBe(true);
    },
  );

  it('compresses the JavaScript a student page loads: Next.js chunks and the training worker', async () => {
    const html = (await rawGet(`${server.url}/`)).body.toString();
    const chunk = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(chunk).toBeDefined();
    for (const route of [chunk as string, TRAINING_WORKER_PATH]) {
      const plain = await rawGet(`${server.url}${route}`);
      expect(plain.headers['content-encoding'], route).toBeUndefined();
      const gzipped = await rawGet(`${server.url}${route}`, { 'accept-encoding': 'gzip' });
      expect(gzipped.headers['content-encoding'], route).toBe('gzip');
      expect(gzipped.headers.vary, route).toMatch(/accept-encoding/i);
      expect(gunzipSync(gzipped.body).equals(plain.body), route).toBe(true);
    }
  });
});
