import { z } from 'zod';
import { parseStored } from './formats';
import { VERIFY_GROUP, VERIFY_JOBS_KEY } from './keys';
import type { RedisClient } from './redis-connection';
import type { QueuedJob, VerifyQueue } from './verify-queue';

const jobFieldsSchema = z.object({ code: z.string().min(1), runId: z.string().min(1) });

const toJob = (entry: { id: string; message: Record<string, string> }): QueuedJob => ({
  id: entry.id,
  ...parseStored(jobFieldsSchema, entry.message, `Verification job ${entry.id}`),
});

/**
 * Verification jobs on a Redis Stream (VERIFY_JOBS_KEY) read through a consumer group, so every instance
 * works the one queue: each job goes to one consumer, and stays in that consumer's pending list until it
 * acknowledges it. A job left there longer than `claimIdleMs` (its instance died mid-evaluation) is taken
 * over by the next consumer that asks (XAUTOCLAIM); a live consumer calls hold() well within that time.
 */
export class RedisVerifyQueue implements VerifyQueue {
  private closed = false;

  private constructor(
    private readonly client: RedisClient,
    /** XREADGROUP BLOCK holds its connection: it gets one of its own. */
    private readonly blocking: RedisClient,
    private readonly consumer: string,
    private readonly claimIdleMs: number,
  ) {}

  /** Creates the consumer group if it does not exist yet, and a connection for blocking reads. */
  static async open(client: RedisClient, consumer: string, claimIdleMs: number): Promise<RedisVerifyQueue> {
    try {
      await client.xGroupCreate(VERIFY_JOBS_KEY, VERIFY_GROUP, '0', { MKSTREAM: true });
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
    }
    const blocking = client.duplicate();
    blocking.on('error', (err: Error) => console.error(`[redis] ${err.message}`));
    await blocking.connect();
    return new RedisVerifyQueue(client, blocking, consumer, claimIdleMs);
  }

  async next(waitMs: number): Promise<QueuedJob | null> {
    if (this.closed) return null;
    const claimed = await this.client.xAutoClaim(
      VERIFY_JOBS_KEY,
      VERIFY_GROUP,
      this.consumer,
      this.claimIdleMs,
      '0-0',
      {
        COUNT: 1,
      },
    );
    const abandoned = claimed.messages.find((m) => m !== null);
    if (abandoned) return toJob(abandoned);
    try {
      const read = await this.blocking.xReadGroup(
        VERIFY_GROUP,
        this.consumer,
        { key: VERIFY_JOBS_KEY, id: '>' },
        { COUNT: 1, BLOCK: waitMs },
      );
      const entry = (read as { messages: { id: string; message: Record<string, string> }[] }[] | null)?.[0]
        ?.messages[0];
      return entry ? toJob(entry) : null;
    } catch (err) {
      if (this.closed) return null;
      throw err;
    }
  }

  async hold(job: QueuedJob): Promise<void> {
    await this.client.xClaimJustId(VERIFY_JOBS_KEY, VERIFY_GROUP, this.consumer, 0, job.id);
  }

  async ack(job: QueuedJob): Promise<void> {
    await this.client.multi().xAck(VERIFY_JOBS_KEY, VERIFY_GROUP, job.id).xDel(VERIFY_JOBS_KEY, job.id).exec();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.blocking.destroy();
  }
}
