import { describe, expect, it } from 'vitest';
import { meanSaturation, saturationOrder, saturationShares } from '@/app/_components/charts/saturation';

describe('saturationShares', () => {
  it('counts, per unit, the share of steps below 0.1 and above 0.9', () => {
    // [T=4][H=3]
    const values = [
      [0.05, 0.5, 0.95],
      [0.05, 0.5, 0.95],
      [0.5, 0.95, 0.05],
      [0.95, 0.5, 0.99],
    ];
    expect(saturationShares(values)).toEqual([
      { low: 0.5, high: 0.25 },
      { low: 0, high: 0.25 },
      { low: 0.25, high: 0.75 },
    ]);
  });

  it('treats the thresholds as strict', () => {
    expect(saturationShares([[0.1], [0.9]])).toEqual([{ low: 0, high: 0 }]);
  });

  it('leaves non-finite values out of the denominator', () => {
    expect(saturationShares([[0.0], [Number.NaN], [1.0], [Number.POSITIVE_INFINITY]])).toEqual([
      { low: 0.5, high: 0.5 },
    ]);
  });

  it('returns no units for no steps and zeros for a unit that is never observed', () => {
    expect(saturationShares([])).toEqual([]);
    expect(saturationShares([[0.5], [0.5, 0.95]])).toEqual([
      { low: 0, high: 0 },
      { low: 0, high: 1 },
    ]);
  });

  it('accepts other thresholds for signed quantities', () => {
    expect(saturationShares([[-0.95], [0], [0.95], [0.99]], -0.9, 0.9)).toEqual([{ low: 0.25, high: 0.5 }]);
  });
});

describe('saturationOrder and meanSaturation', () => {
  const shares = [
    { low: 0.1, high: 0.1 },
    { low: 0.0, high: 0.6 },
    { low: 0.6, high: 0.0 },
    { low: 0.1, high: 0.1 },
  ];

  it('puts the most saturated units first, ties by high share then by index', () => {
    expect(saturationOrder(shares)).toEqual([1, 2, 0, 3]);
  });

  it('averages over units', () => {
    const mean = meanSaturation(shares);
    expect(mean.low).toBeCloseTo(0.2);
    expect(mean.high).toBeCloseTo(0.2);
    expect(meanSaturation([])).toEqual({ low: 0, high: 0 });
  });
});
