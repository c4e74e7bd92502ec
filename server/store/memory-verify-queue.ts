import type { VerifyJob } from './store';
import type { QueuedJob, VerifyQueue } from './verify-queue';

/**
 * The embedded store's job queue: in this process only. Jobs lost with the process come back on the next
 * start, because the store queues again every run whose verification is still pending.
 */
export class MemoryVerifyQueue implements VerifyQueue {
  private readonly jobs: QueuedJob[] = [];
  private readonly waiting = new Set<(job: QueuedJob | null) => void>();
  private counter = 0;
  private closed = false;

  /** Queues a job; a consumer waiting in next() gets it at once. */
  push(job: VerifyJob): void {
    const queued = { ...job, id: String(++this.counter) };
    const [waiter] = this.waiting;
    if (waiter) {
      this.waiting.delete(waiter);
      waiter(queued);
    } else this.jobs.push(queued);
  }

  next(waitMs: number): Promise<QueuedJob | null> {
    const job = this.jobs.shift();
    if (job || this.closed) return Promise.resolve(job ?? null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(done);
        resolve(null);
      }, waitMs);
      const done = (taken: QueuedJob | null) => {
        clearTimeout(timer);
        resolve(taken);
      };
      this.waiting.add(done);
    });
  }

  async hold(): Promise<void> {}

  async ack(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting) waiter(null);
    this.waiting.clear();
  }
}
