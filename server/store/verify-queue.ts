import type { VerifyJob } from './store';

/** A VerifyJob as a consumer holds it: `id` names it in the queue. */
export interface QueuedJob extends VerifyJob {
  id: string;
}

/**
 * The jobs Store.submitWeights queues, as one consumer (a server instance) takes them. A job taken and
 * not acknowledged stays the consumer's; if the consumer goes away (its instance died), another one
 * takes it over (Redis), or it is taken again after a restart (embedded store).
 */
export interface VerifyQueue {
  /** The next job: one abandoned by a dead consumer first, else a new one; null when none came within `waitMs`. */
  next(waitMs: number): Promise<QueuedJob | null>;
  /** Tells the queue this consumer is still working on `job`, so nobody else takes it over. */
  hold(job: QueuedJob): Promise<void>;
  /** The job is finished: nobody takes it again. */
  ack(job: QueuedJob): Promise<void>;
  /** Stops waiting (a pending next() resolves null) and releases connections. */
  close(): Promise<void>;
}
