import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromiumLaunch } from '../../tests/helpers/chromium-launch';
import type { BoundResult, Repeats, TrainResult } from './train-bench';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WASM_DIR = `${root}node_modules/@tensorflow/tfjs-backend-wasm/dist/`;

/**
 * Bundles browser-entry.ts, serves it with the tfjs wasm binaries on a local port, and runs the
 * training benchmark in headless Chromium (tests/helpers/chromium-launch.ts) on the wasm backend.
 */
export async function runInChromium(repeats: Repeats): Promise<{ results: TrainResult[]; matmulBound: BoundResult[] }> {
  const bundle = await build({
    entryPoints: [`${root}scripts/bench-lib/browser-entry.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].contents;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (url.startsWith('/wasm/') && /^[\w.-]+\.wasm$/.test(url.slice(6))) {
      res.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(WASM_DIR + url.slice(6)));
    } else if (url === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><script type="module" src="/bench.js"></script>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'runTrainBench' in window);
    return await page.evaluate(
      (r) =>
        (
          window as unknown as {
            runTrainBench: (r: Repeats) => Promise<{ results: TrainResult[]; matmulBound: BoundResult[] }>;
          }
        ).runTrainBench(r),
      repeats,
    );
  } finally {
    await browser.close();
    server.close();
  }
}
