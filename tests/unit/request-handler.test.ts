import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '@/lib/protocol/errors';
import { TokenBuckets } from '@/server/handlers/rate-limits';
import { request } from '@/server/handlers/request';
import { ServiceError } from '@/server/services/service-error';

const schema = z.object({ n: z.number() }).strict();
const always = () => true;

describe('request()', () => {
  it('answers with the data on success', async () => {
    const ack = vi.fn();
    await request(always, schema, async ({ n }) => n * 2)({ n: 21 }, ack);
    expect(ack).toHaveBeenCalledWith({ ok: true, data: 42 });
  });

  it('answers BAD_REQUEST with the issues, without running the handler', async () => {
    const ack = vi.fn();
    const run = vi.fn();
    await request(always, schema, run)({ n: 'x' }, ack);
    expect(run).not.toHaveBeenCalled();
    expect(ack.mock.calls[0][0]).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest, issues: [{ path: 'n' }] },
    });
  });

  it('passes a ServiceError through and hides anything else behind INTERNAL', async () => {
    const ack = vi.fn();
    await request(always, schema, async () => {
      throw new ServiceError(ErrorCode.SessionLocked, 'locked');
    })({ n: 1 }, ack);
    expect(ack).toHaveBeenLastCalledWith({ ok: false, error: { code: ErrorCode.SessionLocked, message: 'locked' } });

    vi.spyOn(console, 'error').mockImplementation(() => {});
    await request(always, schema, async () => {
      throw new Error('db password is hunter2');
    })({ n: 1 }, ack);
    expect(ack.mock.lastCall?.[0].error.code).toBe(ErrorCode.Internal);
    expect(ack.mock.lastCall?.[0].error.message).not.toContain('hunter2');
  });

  it('ignores a request that carries no ack callback', async () => {
    const run = vi.fn();
    await request(always, schema, run)({ n: 1 }, 'not a function');
    expect(run).not.toHaveBeenCalled();
  });

  it('answers RATE_LIMITED when the limiter refuses', async () => {
    const ack = vi.fn();
    await request(
      () => false,
      schema,
      async () => 1,
    )({ n: 1 }, ack);
    expect(ack.mock.calls[0][0].error.code).toBe(ErrorCode.RateLimited);
  });
});

describe('TokenBuckets', () => {
  it('allows each key a burst, then refills it at the steady rate', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now, 20, 5);
    const drain = (key: string) => {
      let allowed = 0;
      while (buckets.take(key)) allowed++;
      return allowed;
    };
    expect(drain('a')).toBe(20);
    expect(drain('b')).toBe(20);
    now += 1000;
    expect(drain('a')).toBe(5);
  });
});
