/**
 * bench:startup — how long a student waits, from pressing Train, for the first point on the loss chart,
 * and how many bytes of JavaScript and wasm their page pulls over the network (compressed, as sent).
 *
 * Starts the production server (`npm run build` must have run; this builds nothing) on a free port with
 * a fresh data folder. In headless Chromium a host creates a class and starts a round, one student joins
 * in a fresh browser context (empty cache and storage, as on a first visit), and trains one run of each
 * cell in turn on the challenge's defaults, stopping it at its first point. The backend is chosen as a
 * student's page chooses it (Automatic: the first run of each model size times the backends first),
 * unless `--backend NAME` forces one as `?backend=` does. `--insecure` opens the student's page the way a
 * classroom does, on a plain-http address that is not localhost (`http://arena.test:<port>`, which the
 * browser resolves to this machine), so it is not a secure context: no threads for wasm, no WebGPU.
 * Usage: npm run --silent bench:startup [-- --json] [--backend wasm|webgl|webgpu|cpu] [--insecure]
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BACKEND_NAMES } from '../app/_training/backend-names';
import { CELLS, type Cell } from '../lib/protocol/challenge';
import { chromiumLaunch, classroomUrl } from '../tests/helpers/chromium-launch';
import { startServerProcess } from '../tests/helpers/server-process';
import { oneOf } from './bench-lib/args';

const CELL_RADIO: Record<Cell, string> = { rnn: 'Vanilla RNN', lstm: 'LSTM', gru: 'GRU' };
const BUILD_OUTPUTS = ['.next/BUILD_ID', 'dist/server.mjs', 'dist/wasm/tfjs-backend-wasm-simd.wasm.br'];
/** A first point later than this is a failure, not a measurement. */
const FIRST_POINT_TIMEOUT_MS = 120_000;

interface CellResult {
  cell: Cell;
  backend: string;
  secondsToFirstPoint: number;
}

interface Bytes {
  js: number;
  wasm: number;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const backendArg = args.indexOf('--backend');
const forced = backendArg >= 0 ? oneOf(BACKEND_NAMES, args[backendArg + 1] ?? '', 'backend') : null;
const insecure = args.includes('--insecure');

const root = path.resolve(import.meta.dirname, '..');
const missing = BUILD_OUTPUTS.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  console.error(`bench:startup needs a production build: run \`npm run build\` first (missing ${missing.join(', ')}).`);
  process.exit(1);
}

/** What the page's workers said when, recorded by an init script (traceWorkers). */
interface WorkerTrace {
  /** performance.now() in the page when the worker was created. */
  spawned: number;
  /** The first message of each type it posted, in order: probe-started, ready, progress, … */
  messages: { type: string; t: number }[];
}
type TracedWindow = { workerTrace: WorkerTrace[] };

/** Wraps the page's Worker so each worker's creation and first message of each type are timed. */
function traceWorkers(): void {
  const trace: WorkerTrace[] = [];
  (globalThis as unknown as TracedWindow).workerTrace = trace;
  const NativeWorker = globalThis.Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const entry: WorkerTrace = { spawned: performance.now(), messages: [] };
      trace.push(entry);
      this.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
        const type = event.data?.type;
        if (type && !entry.messages.some((m) => m.type === type)) entry.messages.push({ type, t: performance.now() });
      });
    }
  };
}

/** Where the seconds to the first point went, from the workers' messages. */
interface Phases {
  /** From Train to the training worker's creation: the backend probe (Automatic) and registering the run. */
  probe: number;
  /** The training worker's creation to "ready": its script, the backend (wasm fetch and compile), the model. */
  boot: number;
  /** "ready" to the chart's first point: the first training steps and the first report. */
  firstSteps: number;
}

/**
 * Presses Train and resolves with the seconds until the loss chart draws one more point than before,
 * timed in the page (from the click to the chart's attribute changing), so no round trip to this process
 * counts, and how they split between the phases.
 */
function secondsToFirstPoint(page: Page): Promise<{ seconds: number; phases: Phases }> {
  return page.evaluate(
    (timeoutMs) =>
      new Promise<{ seconds: number; phases: Phases }>((resolve, reject) => {
        const chart = document.querySelector('[data-testid="loss-chart"]');
        const train = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train');
        if (!chart || !train) return reject(new Error('no loss chart or Train button on the page'));
        const before = Number(chart.getAttribute('data-points'));
        const timer = setTimeout(() => reject(new Error(`no point within ${timeoutMs} ms`)), timeoutMs);
        const observer = new MutationObserver(() => {
          if (Number(chart.getAttribute('data-points')) <= before) return;
          const now = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          const trainer = (globalThis as unknown as TracedWindow).workerTrace.findLast((w) =>
            w.messages.some((m) => m.type === 'ready'),
          );
          const ready = trainer?.messages.find((m) => m.type === 'ready')?.t ?? now;
          const spawned = trainer?.spawned ?? pressed;
          // Plain arithmetic: a named helper here would reach the page with tsx's __name wrapper, undefined there.
          resolve({
            seconds: (now - pressed) / 1000,
            phases: {
              probe: (spawned - pressed) / 1000,
              boot: (ready - spawned) / 1000,
              firstSteps: (now - ready) / 1000,
            },
          });
        });
        observer.observe(chart, { attributes: true, attributeFilter: ['data-points'] });
        const pressed = performance.now();
        train.click();
      }),
    FIRST_POINT_TIMEOUT_MS,
  );
}

/**
 * Counts the bytes of wasm that reach the page's workers over the network from now on (headers
 * included; nothing for a response from the cache); the returned function resolves with the total so far.
 */
function countWasmBytes(page: Page): () => Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (!new URL(request.url()).pathname.endsWith('.wasm')) return;
    sizes.push(request.sizes().then((s) => Math.max(0, s.responseBodySize + s.responseHeadersSize)));
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

/**
 * The bytes of JavaScript the page and its workers' scripts took over the network (Resource Timing's
 * transferSize: compressed body and headers, 0 from the cache). Playwright reports a worker's own script
 * as 0 bytes, so the page's timeline, where it appears, is read instead.
 */
function javascriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js$/.test(new URL(e.name).pathname))
      .reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
  );
}

interface Report {
  results: CellResult[];
  bytes: Bytes;
  /** The student page's `isSecureContext`: false with --insecure, true on localhost. */
  secureContext: boolean;
  /** Per cell, in the order of `results`; printed in the table, left out of --json. */
  phases: Phases[];
}

async function main(): Promise<Report> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'arena-bench-startup-'));
  const server = await startServerProcess({ REDIS_URL: '', DATA_DIR: dataDir });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const host = await (await browser.newContext({ baseURL: server.url })).newPage();
    await host.goto('/');
    await host.getByRole('button', { name: 'Host a class' }).click();
    await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
    const code = host.url().split('/').pop() as string;
    await host.getByRole('button', { name: 'Start round' }).click();
    await host.getByTestId('round-status').filter({ hasText: 'Running' }).waitFor();

    const context = await browser.newContext({ baseURL: insecure ? classroomUrl(server.url) : server.url });
    await context.addInitScript(traceWorkers);
    // Socket.IO's polling requests would fill the default buffer of 250 entries.
    await context.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
    const student = await context.newPage();
    await student.goto(`/?code=${code}`);
    await student.getByRole('textbox', { name: 'Nickname' }).fill('Ada');
    await student.getByRole('button', { name: 'Join' }).click();
    await student.waitForURL(`**/play/${code}`);
    // The student page as a first visit loads it: nothing in the cache, counted from here.
    await (await context.newCDPSession(student)).send('Network.clearBrowserCache');
    const wasmBytes = countWasmBytes(student);
    await student.goto(`/play/${code}${forced ? `?backend=${forced}` : ''}`);
    await student.getByRole('heading', { name: /./, level: 2 }).first().waitFor();
    const secureContext = await student.evaluate(() => window.isSecureContext);
    const finished = student.locator('[data-testid="training-progress"][data-state="finished"]');

    const results: CellResult[] = [];
    const phases: Phases[] = [];
    for (const cell of CELLS) {
      await student.getByRole('radio', { name: CELL_RADIO[cell] }).check({ force: true });
      const measured = await secondsToFirstPoint(student);
      const backend = (await student.getByTestId('backend').textContent()) ?? 'unknown';
      results.push({ cell, backend, secondsToFirstPoint: Math.round(measured.seconds * 100) / 100 });
      phases.push(measured.phases);
      await student.getByRole('button', { name: 'Stop' }).click();
      await finished.waitFor();
    }
    return { results, phases, secureContext, bytes: { js: await javascriptBytes(student), wasm: await wasmBytes() } };
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const { results, phases, bytes, secureContext } = await main();
if (json) {
  process.stdout.write(`${JSON.stringify({ results, bytes, secureContext })}\n`);
} else {
  const s = (x: number) => x.toFixed(2).padStart(5);
  console.log(`backend: ${forced ?? 'Automatic (the first run of each model size measures the backends)'}`);
  console.log(
    `student page: ${secureContext ? 'a secure context' : 'not a secure context (plain http, not localhost)'}`,
  );
  console.log('cell  backend  seconds to first point  = probe + worker boot + first steps');
  results.forEach((r, i) => {
    const p = phases[i];
    console.log(
      `${r.cell.padEnd(5)} ${r.backend.padEnd(8)} ${s(r.secondsToFirstPoint).padStart(22)}  = ${s(p.probe)} + ${s(p.boot)} + ${s(p.firstSteps)}`,
    );
  });
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`student page over the network (compressed): JS ${kib(bytes.js)}, wasm ${kib(bytes.wasm)}`);
}
