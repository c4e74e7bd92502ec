import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@/server/store/store';
import type { VerifyQueue } from '@/server/store/verify-queue';
import { run } from './run-store-contract';
import { meta, uniqueCode } from './store-contract';

const WEIGHTS = new Uint8Array([1, 2, 3, 250, 0, 255]);
const DONE = { status: 'done', testLoss: 1.25, testAccuracy: 0.5, valLoss: 1.5 } as const;

/** A store and the queue one consumer of it reads. */
export interface VerifyBackend {
  store: Store;
  queue: VerifyQueue;
}

/**
 * Submitted weights and their verification: the behaviour every Store must have, and the queue of jobs
 * it feeds. `open` returns a fresh store and a consumer of its queue that sees only this suite's jobs.
 */
export function verifyContract(name: string, open: () => Promise<VerifyBackend>) {
  describe(`Store contract, verification: ${name}`, () => {
    let store: Store;
    let queue: VerifyQueue;
    let code: string;
    beforeEach(async () => {
      ({ store, queue } = await open());
      code = uniqueCode();
      await store.createSession(meta(code));
      await store.startRound(code, 1, null, 7);
      await store.createRun(code, run('run-aaaaaaaaaaaaaaaa', 'p1'), 5);
      return async () => {
        await queue.close();
        await store.close();
      };
    });

    it('keeps weights once, queues one job for them, and records one outcome', async () => {
      expect(await store.verifications(code, ['run-aaaaaaaaaaaaaaaa', 'run-missing-000000000'])).toEqual([null, null]);
      expect(await store.submitWeights(code, 'run-missing-000000000', WEIGHTS)).toBe('not-found');
      expect(await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', WEIGHTS)).toBe('queued');
      expect(await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', new Uint8Array([9]))).toBe('pending');
      expect(await store.getWeights(code, 'run-aaaaaaaaaaaaaaaa')).toEqual(WEIGHTS);
      expect(await store.verifications(code, ['run-aaaaaaaaaaaaaaaa'])).toEqual([{ status: 'pending' }]);

      const job = await queue.next(1_000);
      expect(job).toMatchObject({ code, runId: 'run-aaaaaaaaaaaaaaaa' });
      expect(await store.completeVerification(code, 'run-aaaaaaaaaaaaaaaa', DONE)).toBe(true);
      expect(await store.completeVerification(code, 'run-aaaaaaaaaaaaaaaa', { status: 'failed' })).toBe(false);
      await queue.ack(job!);
      expect(await queue.next(50)).toBeNull();
      expect(await store.getWeights(code, 'run-aaaaaaaaaaaaaaaa')).toBeNull();
      expect(await store.verifications(code, ['run-aaaaaaaaaaaaaaaa'])).toEqual([DONE]);
      expect(await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', WEIGHTS)).toBe('done');
    });

    it('takes weights again after a failed verification', async () => {
      await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', WEIGHTS);
      await queue.ack((await queue.next(1_000))!);
      await store.completeVerification(code, 'run-aaaaaaaaaaaaaaaa', { status: 'failed', message: 'no' });
      expect(await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', WEIGHTS)).toBe('queued');
      const again = await queue.next(1_000);
      expect(again).toMatchObject({ runId: 'run-aaaaaaaaaaaaaaaa' });
      await queue.ack(again!);
    });

    it('forgets weights and verification with the session', async () => {
      await store.submitWeights(code, 'run-aaaaaaaaaaaaaaaa', WEIGHTS);
      await queue.ack((await queue.next(1_000))!);
      expect(await store.deleteSession(code)).toBe(true);
      expect(await store.getWeights(code, 'run-aaaaaaaaaaaaaaaa')).toBeNull();
      expect(await store.verifications(code, ['run-aaaaaaaaaaaaaaaa'])).toEqual([null]);
    });
  });
}
