import { MAX_POINTS_PER_RUN } from '../../lib/protocol/run';
import type { StoreKind } from './args';
import type { Percentiles } from './stats';

/** What one load test measured. The first keys are the fixed JSON contract; the rest are details. */
export interface LoadTestResult {
  students: number;
  hz: number;
  instances: number;
  store: StoreKind;
  /** From the first `session:join` sent to the last one acknowledged. */
  joinSeconds: number | null;
  /** From a point's first send to the host receiving it in `board:delta`. */
  latencyMs: Percentiles;
  points: { sent: number; acked: number; stored: number; lost: number; duplicated: number };
  /** Failed acks (by code, TIMEOUT when none came), refused connections and dropped ones. */
  errors: number;
  seconds: number;
  joined: number;
  runsStarted: number;
  /** Set when seconds × hz asked for more points than a run may hold. */
  pointsCappedAt: number | null;
  duplicatedStored: number;
  duplicatedAtHost: number;
  /** Distinct stored points the host received. */
  pointsAtHost: number;
  /** Round trip of acknowledged `run:metrics` batches. */
  ackMs: Percentiles;
  errorsByCode: Record<string, number>;
  /** Wall-clock seconds of each phase. */
  phaseSeconds: Record<string, number>;
  /** CPU seconds (user + system) all server processes together used in each phase. */
  serverCpuSecondsByPhase: Record<string, number | null>;
  serverCpuSeconds: (number | null)[];
  serverPeakRssMb: (number | null)[];
  redisCpuSeconds: number | null;
  /** CPU seconds of the load generator itself, which shares the machine with the servers. */
  loadgenCpuSeconds: number;
  hostDeltas: number;
  hostSessionStates: number;
}

/** The one-line JSON form (`--json`). */
export function toJson(result: LoadTestResult): string {
  return JSON.stringify(result);
}

const ms = (p: Percentiles) =>
  p.max === null ? 'none measured' : `p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms, max ${p.max} ms`;
const list = (xs: (number | null)[], unit: string) => xs.map((x) => (x === null ? '?' : `${x} ${unit}`)).join(', ');

/** A readable summary, one fact per line. */
export function toText(r: LoadTestResult): string {
  const { points } = r;
  const lines = [
    `RNN Arena load test: ${r.students} students at ${r.hz} Hz for ${r.seconds} s on ${r.instances} instance(s), ${r.store} store`,
    `joined          ${r.joined}/${r.students} in ${r.joinSeconds ?? '?'} s; runs started ${r.runsStarted}`,
    `latency to host ${ms(r.latencyMs)}`,
    `metrics ack     ${ms(r.ackMs)}`,
    `points          sent ${points.sent}, acked ${points.acked}, stored ${points.stored}, lost ${points.lost}, ` +
      `duplicated ${points.duplicated} (${r.duplicatedStored} stored twice, ${r.duplicatedAtHost} received twice by the host)`,
    `host            received ${r.pointsAtHost} of ${points.stored} stored points in ${r.hostDeltas} board:delta, ` +
      `${r.hostSessionStates} session:state`,
    `errors          ${r.errors}${r.errors > 0 ? ` (${JSON.stringify(r.errorsByCode)})` : ''}`,
    `phases          ${Object.entries(r.phaseSeconds)
      .map(([name, s]) => `${name} ${s} s (server CPU ${r.serverCpuSecondsByPhase[name] ?? '?'} s)`)
      .join(', ')}`,
    `server CPU      ${list(r.serverCpuSeconds, 's')}; peak RSS ${list(r.serverPeakRssMb, 'MiB')}`,
    `other CPU       load generator ${r.loadgenCpuSeconds} s${r.redisCpuSeconds === null ? '' : `, redis ${r.redisCpuSeconds} s`}`,
  ];
  if (r.pointsCappedAt !== null) {
    lines.push(
      `note            ${r.seconds} s × ${r.hz} Hz exceeds MAX_POINTS_PER_RUN: each run stopped at ${MAX_POINTS_PER_RUN} points`,
    );
  }
  return lines.join('\n');
}
