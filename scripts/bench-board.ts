/**
 * bench:board — how smoothly the host's board draws a full class while it updates.
 *
 * Replays a generated class of 200 runs (validation curves of 1,000 points, RNN above LSTM and GRU)
 * into a real server, opens the host page in headless Chromium, and measures the frame time: the
 * main-thread work of each rendered frame, from a Chromium trace. Baseline, in the same run: the same
 * page with no updates arriving. Then: while students keep streaming points and the host gets board
 * deltas four times a second. The target is on wall-clock task time; thread CPU time is printed too,
 * since the server and the 200 simulated students share this machine's cores with the browser.
 * Needs `npm run build` first. Usage: npm run --silent bench:board [-- --json]
 */
import { chromium } from '@playwright/test';
import { ClientEvent } from '../lib/protocol/events';
import { DEFAULT_CHALLENGE } from '../lib/domain/challenge-presets';
import { CELLS, type Cell } from '../lib/protocol/challenge';
import type { MetricPoint } from '../lib/protocol/run';
import type { SessionCreateReply } from '../lib/protocol/schemas';
import { chromiumLaunch } from '../tests/helpers/chromium-launch';
import { startServerProcess } from '../tests/helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../tests/helpers/test-client';

const RUNS = 200;
const POINTS = 1000;
const BUDGET = 10 * POINTS;
const MEASURE_MS = 5_000;
const STREAM_EVERY_MS = 500;
const FLOOR: Record<Cell, number> = { rnn: 1.6, lstm: 0.6, gru: 0.7 };

/** A plausible validation curve: exponential decay to the cell's floor, with noise. */
function point(run: number, seq: number): MetricPoint {
  const cell = CELLS[run % CELLS.length];
  const t = (seq + 1) / POINTS;
  const noise = Math.sin(run * 12.9898 + seq * 78.233) * 0.03;
  const valLoss = FLOOR[cell] + (4 - FLOOR[cell]) * Math.exp(-t * (3 + (run % 7))) + noise;
  return {
    seq,
    step: (seq + 1) * 10,
    elapsedMs: seq * 50,
    trainLoss: valLoss + 0.05,
    valLoss,
    accuracy: Math.min(1, Math.max(0, 1 - valLoss / 4)),
  };
}

/** Students set up at once: all 200 filling their curves together overran the 5 s ack timeout. */
const SETUP_CONCURRENCY = 20;

/** `task(0)` … `task(n − 1)`, at most `limit` at a time, results in order. */
async function inBatches<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < n; start += limit) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(limit, n - start) }, (_, k) => task(start + k)))));
  }
  return out;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, which leaves out time the thread was descheduled. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

interface FrameWork {
  /** Per rendered frame, wall-clock milliseconds of its top-level tasks. */
  perFrame: number[];
  /** The same in thread CPU time: without the time the bench's own server and students took the core. */
  perFrameCpu: number[];
  busyShare: number;
}

/**
 * The page's main-thread work in a trace: per rendered frame, the milliseconds of top-level tasks it
 * contained, and the share of the traced time the thread was busy at all.
 */
function mainThreadWork(events: TraceEvent[], tracedMs: number): FrameWork {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const frames = onMain
    .filter((e) => e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X');
  const perFrame = frames.slice(0, -1).map(() => 0);
  const perFrameCpu = [...perFrame];
  for (const task of tasks) {
    const i = frames.findLastIndex((ts) => ts <= task.ts);
    if (i < 0 || i >= perFrame.length) continue;
    perFrame[i] += (task.dur ?? 0) / 1000;
    perFrameCpu[i] += (task.tdur ?? task.dur ?? 0) / 1000;
  }
  const busyMs = tasks.reduce((sum, t) => sum + (t.dur ?? 0) / 1000, 0);
  return { perFrame, perFrameCpu, busyShare: busyMs / tracedMs };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const server = await startServerProcess({ REDIS_URL: '', DATA_DIR: `/tmp/arena-bench-board-${process.pid}` });
  const sockets: TestSocket[] = [];
  try {
    const host = await connectClient(server.url);
    sockets.push(host);
    const { code, hostToken } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    await expectOk(host, ClientEvent.ChallengeSet, {
      challenge: { ...DEFAULT_CHALLENGE, budgetSteps: BUDGET, maxParameters: 5_000_000 },
    });
    await expectOk(host, ClientEvent.RoundStart, {});

    // The class: each student starts one run and sends most of its curve, leaving the rest to stream.
    const prefilled = POINTS - 40;
    const students = await inBatches(RUNS, SETUP_CONCURRENCY, async (i) => {
      const socket = await connectClient(server.url);
      sockets.push(socket);
      await expectOk(socket, ClientEvent.SessionJoin, { code, nickname: `student ${i}` });
      const runId = `run-bench-${String(i).padStart(10, '0')}`;
      await expectOk(socket, ClientEvent.RunStart, {
        runId,
        config: { ...DEFAULT_CHALLENGE.defaults, cell: CELLS[i % CELLS.length], seed: i },
      });
      for (let seq = 0; seq < prefilled; seq += 100) {
        const points = Array.from({ length: Math.min(100, prefilled - seq) }, (_, k) => point(i, seq + k));
        await expectOk(socket, ClientEvent.RunMetrics, { runId, points });
      }
      return { socket, runId, index: i, next: prefilled };
    });

    const browser = await chromium.launch(chromiumLaunch);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(([c, t]) => localStorage.setItem(`rnn-arena:host:${c}`, t), [code, hostToken]);
    await page.goto(`${server.url}/host/${code}`);
    await page
      .getByTestId('convergence-chart')
      .and(page.locator(`[data-runs="${RUNS}"]`))
      .waitFor({ timeout: 60_000 });

    const cdp = await page.context().newCDPSession(page);
    /**
     * Main-thread work per rendered frame, from a Chromium trace: the durations of the renderer main
     * thread's top-level tasks, summed between one BeginMainThreadFrame and the next. Unlike the time
     * between animation frames, it is not rounded up to the display's refresh interval.
     */
    const frameWork = async (ms: number) => {
      const events: TraceEvent[] = [];
      const collect = ({ value }: { value: object[] }) => events.push(...(value as TraceEvent[]));
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', {
        traceConfig: {
          includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline.frame'],
        },
        transferMode: 'ReportEvents',
      });
      await new Promise((r) => setTimeout(r, ms));
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return mainThreadWork(events, ms);
    };

    const idle = await frameWork(MEASURE_MS);
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
    const updating = await frameWork(MEASURE_MS);
    streaming = false;
    await stream;
    await browser.close();

    const summary = ({ perFrame, perFrameCpu, busyShare }: FrameWork) => ({
      frames: perFrame.length,
      medianMs: perFrame.length ? +quantile(perFrame, 0.5).toFixed(2) : null,
      p95Ms: perFrame.length ? +quantile(perFrame, 0.95).toFixed(2) : null,
      cpuMedianMs: perFrameCpu.length ? +quantile(perFrameCpu, 0.5).toFixed(2) : null,
      cpuP95Ms: perFrameCpu.length ? +quantile(perFrameCpu, 0.95).toFixed(2) : null,
      mainThreadBusy: +busyShare.toFixed(3),
    });
    const result = {
      runs: RUNS,
      pointsPerRun: POINTS,
      idle: summary(idle),
      updating: summary(updating),
      targetMedianMs: 16,
    };
    const met = result.updating.medianMs !== null && result.updating.medianMs < result.targetMedianMs;
    if (json) console.log(JSON.stringify(result));
    else {
      const line = (label: string, r: typeof result.idle) =>
        `${label.padEnd(22)} frames ${String(r.frames).padStart(4)}   median ${r.medianMs ?? '–'} ms   p95 ${r.p95Ms ?? '–'} ms   (CPU time: median ${r.cpuMedianMs ?? '–'} ms, p95 ${r.cpuP95Ms ?? '–'} ms)   main thread busy ${(r.mainThreadBusy * 100).toFixed(1)}%`;
      console.log(
        `bench:board  ${RUNS} runs × ${POINTS} points, host page in headless Chromium: main-thread work per rendered frame`,
      );
      console.log(line('idle (baseline)', result.idle));
      console.log(line('updating (4 pushes/s)', result.updating));
      console.log(`target: median under ${result.targetMedianMs} ms while updating: ${met ? 'met' : 'NOT met'}`);
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
