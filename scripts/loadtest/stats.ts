/** Latency summary in milliseconds; null when nothing was measured. */
export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** The nearest-rank percentile `q` (0..1] of `sorted` (ascending, non-empty). */
function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** p50, p95, p99 and max of `values` by the nearest-rank method, rounded to 0.1 ms. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: round(nearestRank(sorted, 0.5)),
    p95: round(nearestRank(sorted, 0.95)),
    p99: round(nearestRank(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** What one simulated student sent of one run, and what the server kept of it. */
export interface RunTrace {
  runId: string;
  /** Sequence numbers sent at least once. */
  sentSeqs: readonly number[];
  /** Sequence numbers as `run:mine` returned them (a seq stored twice appears twice). */
  storedSeqs: readonly number[];
}

export interface DeliveryCount {
  /** Distinct points the server stored. */
  stored: number;
  /** Points sent but never stored. */
  lost: number;
  /** Extra copies of a seq in the store. */
  duplicatedStored: number;
  /** Extra copies of a point the host received in `board:delta`. */
  duplicatedAtHost: number;
}

/**
 * Counts what was stored, lost and duplicated. `hostReceipts` counts, per run id and step, how often
 * the host received that curve point.
 */
export function countDelivery(
  runs: readonly RunTrace[],
  hostReceipts: ReadonlyMap<string, ReadonlyMap<number, number>>,
): DeliveryCount {
  let stored = 0;
  let lost = 0;
  let duplicatedStored = 0;
  for (const run of runs) {
    const kept = new Set(run.storedSeqs);
    stored += kept.size;
    duplicatedStored += run.storedSeqs.length - kept.size;
    lost += new Set(run.sentSeqs.filter((seq) => !kept.has(seq))).size;
  }
  let duplicatedAtHost = 0;
  for (const steps of hostReceipts.values()) {
    for (const count of steps.values()) duplicatedAtHost += Math.max(0, count - 1);
  }
  return { stored, lost, duplicatedStored, duplicatedAtHost };
}

/** Counts failures by code ("TIMEOUT" for an ack that never came, "CONNECT" for a refused connection). */
export class ErrorTally {
  private readonly counts = new Map<string, number>();

  add(code: string): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Counts by code, codes sorted. */
  byCode(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
