import { afterEach, describe, expect, it, vi } from 'vitest';
import { submitWeights } from '@/app/_training/submit-weights';

const target = { url: '/api/sessions/K7PQ2M/runs/run-0000000000000001/weights', token: 't'.repeat(43) };
const answer = (status: number, body: object) => new Response(JSON.stringify(body), { status });

describe('submitWeights', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sends the blob with the participant key, and stops at a refusal', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(400, { error: { code: 'BAD_REQUEST', message: 'wrong shape' } }));
    vi.stubGlobal('fetch', fetch);
    expect(await submitWeights(target, new Uint8Array([1, 2]))).toBe('wrong shape');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(target.url);
    expect(init.headers).toMatchObject({
      authorization: `Bearer ${target.token}`,
      'content-type': 'application/octet-stream',
    });
  });

  it('tries again after a dropped connection or a busy server', async () => {
    vi.useFakeTimers();
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('network error'))
      .mockResolvedValueOnce(answer(503, { error: { code: 'INTERNAL', message: 'busy' } }))
      .mockResolvedValueOnce(answer(202, { status: 'pending' }));
    vi.stubGlobal('fetch', fetch);
    const submitted = submitWeights(target, new Uint8Array([1]));
    await vi.runAllTimersAsync();
    expect(await submitted).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});
