import { MAX_POINTS_PER_RUN } from '../../lib/protocol/run';
import type { LoadTestOptions } from './args';
import type { Cleanup } from './cleanup';
import { cpuOf, peakRssOf, startCluster, type Measured } from './cluster';
import { Connections, inPool } from './connection';
import { SimHost } from './host';
import type { LoadTestResult } from './report';
import { countDelivery, ErrorTally, percentiles, type RunTrace } from './stats';
import { SimStudent, stepOf, streamAll } from './student';

/** Requests in flight at once while joining, starting runs and reading them back. */
const CONCURRENCY = 50;
/** Bounds on each phase, so an overwhelmed server cannot keep the load test running forever. */
const JOIN_PHASE_LIMIT_MS = 120_000;
const START_PHASE_LIMIT_MS = 60_000;
const SETTLE_LIMIT_MS = 20_000;
const READ_PHASE_LIMIT_MS = 60_000;
const HOST_WAIT_LIMIT_MS = 10_000;

const seconds = (ms: number) => Math.round(ms) / 1000;
const sum = (xs: (number | null)[]) =>
  xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0);
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** Wall-clock time and server CPU at each phase boundary. */
class Phases {
  readonly wall: Record<string, number> = {};
  readonly cpu: Record<string, number | null> = {};
  private at = performance.now();
  private cpuAt: number | null;

  constructor(private readonly servers: readonly Measured[]) {
    this.cpuAt = sum(cpuOf(servers));
  }

  end(name: string): void {
    const now = performance.now();
    const cpu = sum(cpuOf(this.servers));
    this.wall[name] = seconds(now - this.at);
    this.cpu[name] = cpu === null || this.cpuAt === null ? null : round2(cpu - this.cpuAt);
    this.at = now;
    this.cpuAt = cpu;
  }
}

/**
 * Runs one load test: starts the cluster, opens a class, joins the students, starts one run each,
 * streams for `opts.seconds`, lets acks settle, reads back what was stored and waits for the host's
 * last deltas. Everything started is registered with `cleanup`; the caller runs it.
 */
export async function runScenario(
  opts: LoadTestOptions,
  cleanup: Cleanup,
  log: (line: string) => void,
): Promise<LoadTestResult> {
  const errors = new ErrorTally();
  const connections = new Connections(errors);
  const loadgenCpuStart = process.cpuUsage();
  log(`starting ${opts.instances} server(s) on the ${opts.store} store…`);
  const cluster = await startCluster(opts, cleanup);
  cleanup.add(() => connections.closeAll());
  const cpuStart = cpuOf(cluster.servers);
  const redisCpuStart = cluster.redis ? cpuOf([cluster.redis])[0] : null;
  const phases = new Phases(cluster.servers);

  const host = await SimHost.open(cluster.urls[0], connections);
  const ackMs: number[] = [];
  const students = Array.from(
    { length: opts.students },
    (_, i) => new SimStudent(i, cluster.urls[i % cluster.urls.length], connections, ackMs),
  );
  phases.end('setup');

  log(`joining ${opts.students} students, ${CONCURRENCY} at a time…`);
  await inPool(students.length, CONCURRENCY, performance.now() + JOIN_PHASE_LIMIT_MS, (i) =>
    students[i].join(host.code),
  );
  phases.end('join');
  const joined = students.filter((s) => s.joinAckedAt !== null);
  const joinStarts = joined.map((s) => s.joinSentAt ?? 0);
  const joinEnds = joined.map((s) => s.joinAckedAt ?? 0);
  const joinSeconds = joined.length > 0 ? seconds(Math.max(...joinEnds) - Math.min(...joinStarts)) : null;

  log(`starting ${joined.length} runs…`);
  await inPool(joined.length, CONCURRENCY, performance.now() + START_PHASE_LIMIT_MS, (i) => joined[i].startRun());
  phases.end('start');

  log(`streaming for ${opts.seconds} s at ${opts.hz} Hz…`);
  await streamAll(joined, opts.hz, opts.seconds);
  phases.end('stream');

  log('waiting for the last acks…');
  const settleDeadline = performance.now() + SETTLE_LIMIT_MS;
  await Promise.all(joined.map((s) => s.settle(settleDeadline)));
  phases.end('settle');

  log('reading back what was stored…');
  const traces: RunTrace[] = [];
  await inPool(joined.length, CONCURRENCY, performance.now() + READ_PHASE_LIMIT_MS, async (i) => {
    const student = joined[i];
    const storedSeqs = (await student.readStored(host.code)) ?? [];
    traces.push({ runId: student.runId, sentSeqs: [...student.firstSent.keys()], storedSeqs });
  });
  const storedCount = traces.reduce((n, t) => n + new Set(t.storedSeqs).size, 0);
  await host.waitFor(storedCount, performance.now() + HOST_WAIT_LIMIT_MS);
  phases.end('read');

  const cpuEnd = cpuOf(cluster.servers);
  const serverPeakRssMb = peakRssOf(cluster.servers);
  const redisCpuEnd = cluster.redis ? cpuOf([cluster.redis])[0] : null;
  const loadgenCpu = process.cpuUsage(loadgenCpuStart);

  const latencies: number[] = [];
  for (const student of joined) {
    const steps = host.receipts.get(student.runId);
    for (const [seq, sentAt] of student.firstSent) {
      const receipt = steps?.get(stepOf(seq));
      if (receipt) latencies.push(receipt.firstAt - sentAt);
    }
  }
  const delivery = countDelivery(traces, host.receiptCounts());
  const sent = joined.reduce((n, s) => n + s.firstSent.size, 0);
  return {
    students: opts.students,
    hz: opts.hz,
    instances: opts.instances,
    store: opts.store,
    joinSeconds,
    latencyMs: percentiles(latencies),
    points: {
      sent,
      acked: joined.reduce((n, s) => n + s.acked, 0),
      stored: delivery.stored,
      lost: delivery.lost,
      duplicated: delivery.duplicatedStored + delivery.duplicatedAtHost,
    },
    errors: errors.total,
    seconds: opts.seconds,
    joined: joined.length,
    runsStarted: joined.filter((s) => s.running).length,
    pointsCappedAt: opts.seconds * opts.hz > MAX_POINTS_PER_RUN ? MAX_POINTS_PER_RUN : null,
    duplicatedStored: delivery.duplicatedStored,
    duplicatedAtHost: delivery.duplicatedAtHost,
    pointsAtHost: host.pointsReceived,
    ackMs: percentiles(ackMs),
    errorsByCode: errors.byCode(),
    phaseSeconds: phases.wall,
    serverCpuSecondsByPhase: phases.cpu,
    serverCpuSeconds: cpuEnd.map((end, i) => (end === null || cpuStart[i] === null ? null : round2(end - cpuStart[i]))),
    serverPeakRssMb,
    redisCpuSeconds: redisCpuEnd === null || redisCpuStart === null ? null : round2(redisCpuEnd - redisCpuStart),
    loadgenCpuSeconds: round2((loadgenCpu.user + loadgenCpu.system) / 1e6) ?? 0,
    hostDeltas: host.deltas,
    hostSessionStates: host.sessionStates,
  };
}
