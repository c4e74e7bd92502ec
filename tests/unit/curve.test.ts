import { describe, expect, it } from 'vitest';
import { downsampleCurve } from '@/lib/domain/curve';
import type { CurvePoint } from '@/lib/protocol/board';

const curve = (n: number, bestAt: number): CurvePoint[] =>
  Array.from({ length: n }, (_, i) => [i * 10, i === bestAt ? 0.1 : 3 - i / n, null]);

describe('downsampleCurve', () => {
  it('returns a short curve as it is', () => {
    const short = curve(5, 2);
    expect(downsampleCurve(short, 10)).toBe(short);
  });

  it('keeps at most max points in step order, the ends and the best among them', () => {
    const long = curve(1000, 437);
    const small = downsampleCurve(long, 100);
    expect(small.length).toBeLessThanOrEqual(100);
    expect(small.length).toBeGreaterThan(90);
    expect(small[0]).toBe(long[0]);
    expect(small.at(-1)).toBe(long.at(-1));
    expect(small).toContain(long[437]);
    const steps = small.map(([step]) => step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
  });
});
