import { MAX_POINTS_PER_BATCH, type MetricPoint } from '@/lib/protocol/run';

/** How often buffered points are sent: a few times a second is live enough for any chart. */
export const METRICS_FLUSH_MS = 500;

/** Sends one batch and resolves once the server acknowledged storing it; rejects on any failure. */
export type SendBatch = (runId: string, points: MetricPoint[]) => Promise<void>;

/**
 * Holds a run's metric points until the server has acknowledged them. Points are numbered as they are
 * added; a batch leaves the buffer only when its ack arrives, so a dropped connection delays points but
 * never loses them, and the server's per-seq dedupe makes a resend harmless. Not thread-safe by design:
 * one outbox per run, driven by one timer.
 */
export class MetricsOutbox {
  private readonly pending: MetricPoint[];
  private nextSeq: number;
  private acked: number;
  private inFlight = false;

  /**
   * `made`: for a run resumed by a reloaded page, the points it had made (seq = index) and `stored`, the
   * seqs the server already holds; the others are queued again and numbering continues after `made`.
   */
  constructor(
    readonly runId: string,
    private readonly sendBatch: SendBatch,
    made: readonly Omit<MetricPoint, 'seq'>[] = [],
    stored: ReadonlySet<number> = new Set(),
  ) {
    this.pending = made.flatMap((point, seq) => (stored.has(seq) ? [] : [{ ...point, seq }]));
    this.nextSeq = made.length;
    this.acked = made.length - this.pending.length;
  }

  /** Queues a point; assigns and returns its sequence number. */
  add(point: Omit<MetricPoint, 'seq'>): number {
    const seq = this.nextSeq++;
    this.pending.push({ ...point, seq });
    return seq;
  }

  /** Points not yet acknowledged. */
  get backlog(): number {
    return this.pending.length;
  }

  /** Points the server has acknowledged. */
  get acknowledged(): number {
    return this.acked;
  }

  /**
   * Sends what is buffered, oldest first, one batch at a time, until the buffer is empty or a send fails.
   * Resolves true when everything is acknowledged. Concurrent calls do not overlap.
   */
  async flush(): Promise<boolean> {
    if (this.inFlight) return false;
    this.inFlight = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, MAX_POINTS_PER_BATCH);
        try {
          await this.sendBatch(this.runId, batch);
        } catch {
          return false;
        }
        this.pending.splice(0, batch.length);
        this.acked += batch.length;
      }
      return true;
    } finally {
      this.inFlight = false;
    }
  }
}
