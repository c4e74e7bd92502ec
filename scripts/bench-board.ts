/**
 * bench:board — how smoothly the host's board draws a full class while it updates.
 *
 * Replays a generated class of 200 runs (validation curves of 1,000 points, RNN above LSTM and GRU)
 * into a real server, opens the host page in headless Chromium, and measures frame times with
 * requestAnimationFrame while the frame-rate limit is off (so a frame takes as long as its work, not
 * one vsync). Baseline, in the same run: the same page with no updates arriving. Then: while students
 * keep streaming points and the host gets board deltas four times a second.
 * Needs `npm run build` first. Usage: npm run --silent bench:board [-- --json]
 */
import { chromium } from '@playwright/test';
import { ClientEvent } from '../lib/protocol/events';
import { DEFAULT_CHALLENGE } from '../lib/domain/challenge-presets';
import type { Cell } from '../lib/protocol/challenge';
import type { MetricPoint } from '../lib/protocol/run';
import type { SessionCreateReply } from '../lib/protocol/schemas';
import { startServerProcess } from '../tests/helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../tests/helpers/test-client';

const RUNS = 200;
const POINTS = 1000;
const BUDGET = 10 * POINTS;
const MEASURE_MS = 5_000;
const STREAM_EVERY_MS = 500;
const CELLS: Cell[] = ['rnn', 'lstm', 'gru'];
const FLOOR: Record<Cell, number> = { rnn: 1.6, lstm: 0.6, gru: 0.7 };

/** A plausible validation curve: exponential decay to the cell's floor, with noise. */
function point(run: number, seq: number): MetricPoint {
  const cell = CELLS[run % 3];
  const t = (seq + 1) / POINTS;
  const noise = Math.sin(run * 12.9898 + seq * 78.233) * 0.03;
  const valLoss = FLOOR[cell] + (4 - FLOOR[cell]) * Math.exp(-t * (3 + (run % 7))) + noise;
  return { seq, step: (seq + 1) * 10, elapsedMs: seq * 50, trainLoss: valLoss + 0.05, valLoss, accuracy: Math.min(1, 1 - valLoss / 4) };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const server = await startServerProcess({ REDIS_URL: '', DATA_DIR: `/tmp/arena-bench-board-${process.pid}` });
  const sockets: TestSocket[] = [];
  try {
    const host = await connectClient(server.url);
    sockets.push(host);
    const { code, hostToken } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...DEFAULT_CHALLENGE, budgetSteps: BUDGET, maxParameters: 5_000_000 } });
    await expectOk(host, ClientEvent.RoundStart, {});

    // The class: each student starts one run and sends most of its curve, leaving the rest to stream.
    const prefilled = POINTS - 40;
    const students = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const socket = await connectClient(server.url);
        sockets.push(socket);
        await expectOk(socket, ClientEvent.SessionJoin, { code, nickname: `student ${i}` });
        const runId = `run-bench-${String(i).padStart(10, '0')}`;
        await expectOk(socket, ClientEvent.RunStart, { runId, config: { ...DEFAULT_CHALLENGE.defaults, cell: CELLS[i % 3], seed: i } });
        for (let seq = 0; seq < prefilled; seq += 100) {
          const points = Array.from({ length: Math.min(100, prefilled - seq) }, (_, k) => point(i, seq + k));
          await expectOk(socket, ClientEvent.RunMetrics, { runId, points });
        }
        return { socket, runId, index: i, next: prefilled };
      }),
    );

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-frame-rate-limit', '--disable-gpu-vsync'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(([c, t]) => localStorage.setItem(`rnn-arena:host:${c}`, t), [code, hostToken]);
    await page.goto(`${server.url}/host/${code}`);
    await page.getByTestId('convergence-chart').and(page.locator(`[data-runs="${RUNS}"]`)).waitFor({ timeout: 60_000 });

    const frames = (ms: number) =>
      page.evaluate(
        (duration) =>
          new Promise<number[]>((resolve) => {
            const deltas: number[] = [];
            let last = performance.now();
            const end = last + duration;
            const tick = (now: number) => {
              deltas.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else resolve(deltas);
            };
            requestAnimationFrame(tick);
          }),
        ms,
      );

    const idle = await frames(MEASURE_MS);
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        const sent = Date.now();
        await Promise.all(
          students.map(async (s) => {
            if (s.next >= POINTS) return;
            await expectOk(s.socket, ClientEvent.RunMetrics, { runId: s.runId, points: [point(s.index, s.next)] });
            s.next += 1;
          }),
        );
        await new Promise((r) => setTimeout(r, Math.max(0, STREAM_EVERY_MS - (Date.now() - sent))));
      }
    })();
    const updating = await frames(MEASURE_MS);
    streaming = false;
    await stream;
    await browser.close();

    const summary = (xs: number[]) => ({ frames: xs.length, medianMs: +quantile(xs, 0.5).toFixed(2), p95Ms: +quantile(xs, 0.95).toFixed(2) });
    const result = { runs: RUNS, pointsPerRun: POINTS, idle: summary(idle), updating: summary(updating), targetMedianMs: 16 };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`bench:board  ${RUNS} runs × ${POINTS} points, host page in headless Chromium (frame-rate limit off)`);
      console.log(`idle (baseline)       median ${result.idle.medianMs} ms   p95 ${result.idle.p95Ms} ms   (${result.idle.frames} frames)`);
      console.log(`updating (4 pushes/s) median ${result.updating.medianMs} ms   p95 ${result.updating.p95Ms} ms   (${result.updating.frames} frames)`);
      console.log(`target: median under ${result.targetMedianMs} ms while updating: ${result.updating.medianMs < 16 ? 'met' : 'NOT met'}`);
    }
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
