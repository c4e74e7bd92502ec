import { DEFAULT_CHALLENGE } from '../../lib/domain/challenge-presets';
import { modelConfigOf } from '../../lib/domain/run-model';
import { generateTaskData } from '../../lib/domain/task-data';
import { initialWeights } from '../../lib/model/init';
import { encodeWeights } from '../../lib/model/weights-io';
import type { RunConfig } from '../../lib/protocol/challenge';
import { ClientEvent } from '../../lib/protocol/events';
import { weightsPath } from '../../lib/protocol/http-paths';
import type { RunView } from '../../lib/protocol/run';
import type { SessionJoinReply } from '../../lib/protocol/schemas';
import { connectRedis } from '../../server/store/redis-connection';
import { RedisStore } from '../../server/store/redis-store';
import type { Cleanup } from '../loadtest/cleanup';
import { startCluster } from '../loadtest/cluster';
import { Connections, inPool } from '../loadtest/connection';
import { SimHost } from '../loadtest/host';
import { ErrorTally, percentiles } from '../loadtest/stats';
import { SimStudent, stepOf, streamAll } from '../loadtest/student';

/** What bench:verify measures (names read by other tools: keep them). */
export interface VerifyBenchResult {
  submissions: number;
  instances: number;
  secondsToVerifyAll: number | null;
  evalMs: { p50: number | null; p95: number | null };
  eventLoopLagMs: { p99: number | null; max: number | null };
  metricToHostMs: { p95: number | null };
}

/** The simulated class streaming metrics meanwhile: 300 students at 2 points a second. */
const STREAMERS = 300;
const STREAM_HZ = 2;
/** Metrics stream this long before the uploads, so the board is busy when they land. */
const WARM_UP_MS = 5_000;
/** The verification of every upload must finish within this, or the bench reports null. */
const VERIFY_LIMIT_MS = 300_000;
/** How often the bench reads the verifications from Redis. */
const POLL_MS = 500;
const CONCURRENCY = 50;
const PHASE_LIMIT_MS = 120_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A student who joins, starts one run of the challenge's default model and later uploads its weights. */
async function joinUploader(connections: Connections, url: string, code: string, i: number) {
  const socket = await connections.connect(url);
  if (!socket) return null;
  const joined = await connections.request<SessionJoinReply>(socket, ClientEvent.SessionJoin, {
    code,
    nickname: `Upload ${i + 1}`,
  });
  if (!joined) return null;
  const runId = `bench-verify-run-${String(i).padStart(6, '0')}`;
  const config: RunConfig = { ...joined.session.challenge.defaults, seed: i };
  const started = await connections.request<{ run: RunView }>(socket, ClientEvent.RunStart, { runId, config });
  return started ? { runId, token: joined.token, config } : null;
}

/** The `[stats]` line a server prints on stderr as it stops (STATS_ON_EXIT, server/jobs/process-stats.ts). */
function statsOf(stderr: string): { eventLoopLagMs: { p99: number; max: number }; evalMs: number[] } | null {
  const line = stderr.split('\n').find((l) => l.startsWith('[stats] '));
  return line ? JSON.parse(line.slice('[stats] '.length)) : null;
}

/**
 * Starts `instances` servers over a private Redis, a host, 300 students streaming metrics at 2 Hz and
 * `submissions` students each with a run of the task preset's default model; after a warm-up, every
 * uploader posts its weights at once, and the bench waits until the server has scored them all. Then it
 * stops the servers and reads their event-loop lag and evaluation times.
 */
export async function runVerifyBench(
  submissions: number,
  instances: number,
  cleanup: Cleanup,
  log: (line: string) => void,
): Promise<VerifyBenchResult> {
  const connections = new Connections(new ErrorTally());
  log(`starting ${instances} server(s) over Redis…`);
  const opts = {
    students: STREAMERS + submissions,
    hz: STREAM_HZ,
    seconds: 0,
    instances,
    store: 'redis' as const,
    json: true,
  };
  const cluster = await startCluster(opts, cleanup, { STATS_ON_EXIT: '1' });
  cleanup.add(() => connections.closeAll());
  const url = (i: number) => cluster.urls[i % cluster.urls.length];
  const host = await SimHost.open(url(0), connections);

  log(`joining ${STREAMERS} streaming students and ${submissions} uploaders…`);
  const streamers = Array.from({ length: STREAMERS }, (_, i) => new SimStudent(i, url(i), connections, []));
  await inPool(STREAMERS, CONCURRENCY, performance.now() + PHASE_LIMIT_MS, async (i) => {
    await streamers[i].join(host.code);
    await streamers[i].startRun();
  });
  const uploaders: NonNullable<Awaited<ReturnType<typeof joinUploader>>>[] = [];
  await inPool(submissions, CONCURRENCY, performance.now() + PHASE_LIMIT_MS, async (i) => {
    const uploader = await joinUploader(connections, url(i), host.code, i);
    if (uploader) uploaders.push(uploader);
  });
  if (uploaders.length < submissions) throw new Error(`only ${uploaders.length} of ${submissions} uploaders joined`);

  // Every upload is the default model's initial weights: scoring costs the same whatever the values.
  const data = generateTaskData(DEFAULT_CHALLENGE.task);
  const model = modelConfigOf(uploaders[0].config, data.vocab.length);
  const blob = new Blob([new Uint8Array(encodeWeights(model, initialWeights(model)))]);

  const redis = await connectRedis(cluster.redisUrl ?? '');
  cleanup.add(() => redis.close());
  const store = new RedisStore(redis);
  let verified = false;
  log(`streaming at ${STREAM_HZ} Hz; uploading ${submissions} weight blobs after ${WARM_UP_MS / 1000} s…`);
  const streaming = streamAll(streamers, STREAM_HZ, VERIFY_LIMIT_MS / 1000 + 60, () => verified);
  await delay(WARM_UP_MS);
  const began = performance.now();
  const statuses = await Promise.all(
    uploaders.map(async (u, i) => {
      const response = await fetch(`${url(i)}${weightsPath(host.code, u.runId)}`, {
        method: 'POST',
        body: blob,
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${u.token}` },
      });
      return response.status;
    }),
  );
  const refused = statuses.filter((s) => s !== 202).length;
  if (refused > 0) throw new Error(`${refused} uploads were refused (${[...new Set(statuses)].join(', ')})`);
  let secondsToVerifyAll: number | null = null;
  while (performance.now() - began < VERIFY_LIMIT_MS) {
    const states = await store.verifications(
      host.code,
      uploaders.map((u) => u.runId),
    );
    const done = states.filter((v) => v?.status === 'done').length;
    if (done === submissions) {
      secondsToVerifyAll = Math.round(performance.now() - began) / 1000;
      break;
    }
    if (states.some((v) => v?.status === 'failed')) throw new Error('a verification failed');
    await delay(POLL_MS);
  }
  log(`verified all in ${secondsToVerifyAll ?? 'more than ' + VERIFY_LIMIT_MS / 1000} s`);
  verified = true;
  await streaming;

  const latencies: number[] = [];
  for (const student of streamers) {
    const steps = host.receipts.get(student.runId);
    for (const [seq, sentAt] of student.firstSent) {
      const receipt = steps?.get(stepOf(seq));
      if (receipt) latencies.push(receipt.firstAt - sentAt);
    }
  }
  connections.closeAll();
  await Promise.all(cluster.processes.map((p) => p.stop()));
  const stats = cluster.processes.map((p) => statsOf(p.stderr()));
  if (stats.some((s) => s === null)) throw new Error('a server did not report its stats');
  const lag = stats.map((s) => s!.eventLoopLagMs);
  const evalMs = percentiles(stats.flatMap((s) => s!.evalMs));
  return {
    submissions,
    instances,
    secondsToVerifyAll,
    evalMs: { p50: evalMs.p50, p95: evalMs.p95 },
    eventLoopLagMs: { p99: Math.max(...lag.map((l) => l.p99)), max: Math.max(...lag.map((l) => l.max)) },
    metricToHostMs: { p95: percentiles(latencies).p95 },
  };
}
