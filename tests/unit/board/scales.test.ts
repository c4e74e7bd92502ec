import { describe, expect, it } from 'vitest';
import { jitter, linearScale, linearTicks, logScale, nearestPoint, paddedExtent } from '@/app/_components/board/scales';

describe('paddedExtent', () => {
  it('pads the span and ignores non-finite values', () => {
    expect(paddedExtent([1, 3, NaN], 0.1)).toEqual([0.8, 3.2]);
    expect(paddedExtent([])).toBeNull();
  });

  it('gives a single value some room', () => {
    expect(paddedExtent([2], 0.5)).toEqual([1, 3]);
  });
});

describe('linear scale', () => {
  it('maps the domain onto the range, inverted for y', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(5)).toBe(100);
    expect(y.ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('puts round ticks inside the domain', () => {
    expect(linearTicks(1.13, 1.87, 4)).toEqual([1.2, 1.4, 1.6, 1.8]);
  });
});

describe('log scale', () => {
  it('widens to whole decades and ticks on powers of ten', () => {
    const x = logScale([0.0003, 0.02], [0, 300]);
    expect(x.domain).toEqual([1e-4, 0.1]);
    expect(x.ticks).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
    expect(x(1e-3)).toBeCloseTo(100, 9);
  });

  it('works in base 2 for hidden sizes and spans one power for one value', () => {
    expect(logScale([16, 128], [0, 30], 2).ticks).toEqual([16, 32, 64, 128]);
    expect(logScale([64], [0, 10], 2).domain).toEqual([64, 128]);
  });
});

describe('nearestPoint and jitter', () => {
  it('finds the closest point within the radius', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
    ];
    expect(nearestPoint(pts, 8, 1, 5)).toBe(1);
    expect(nearestPoint(pts, 50, 50, 5)).toBe(-1);
  });

  it('is stable per id and within [-1, 1]', () => {
    expect(jitter('abc')).toBe(jitter('abc'));
    for (const id of ['a', 'b', 'run-123', '']) expect(Math.abs(jitter(id))).toBeLessThanOrEqual(1);
  });
});
