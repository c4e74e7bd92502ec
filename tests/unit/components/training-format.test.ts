import { describe, expect, it } from 'vitest';
import { addSample, estimateRemainingMs, recentRate } from '@/app/_components/training/eta';
import { formatCompact, formatDuration, formatThousands, THIN_SPACE } from '@/app/_components/training/format';

describe('formatThousands', () => {
  it('separates thousands with thin spaces', () => {
    expect(formatThousands(1234567)).toBe(`1${THIN_SPACE}234${THIN_SPACE}567`);
    expect(formatThousands(999)).toBe('999');
    expect(formatThousands(1000)).toBe(`1${THIN_SPACE}000`);
    expect(formatThousands(-25000)).toBe(`-25${THIN_SPACE}000`);
    expect(formatThousands(0)).toBe('0');
  });
});

describe('formatDuration', () => {
  it('writes m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_599_000)).toBe('59:59');
    expect(formatDuration(3_661_000)).toBe('1:01:01');
  });

  it('has a placeholder for unknown durations', () => {
    expect(formatDuration(null)).toBe('–:––');
    expect(formatDuration(-1)).toBe('–:––');
    expect(formatDuration(Number.NaN)).toBe('–:––');
  });
});

describe('formatCompact', () => {
  it('abbreviates large rates', () => {
    expect(formatCompact(12345)).toBe('12.3k');
    expect(formatCompact(2_500_000)).toBe('2.5M');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(3.14)).toBe('3.1');
  });
});

describe('progress estimate', () => {
  it('keeps only the recent window and restarts when a new run begins', () => {
    let s = addSample([], { elapsedMs: 0, step: 0 }, 1000);
    s = addSample(s, { elapsedMs: 500, step: 5 }, 1000);
    s = addSample(s, { elapsedMs: 1500, step: 15 }, 1000);
    expect(s).toEqual([
      { elapsedMs: 500, step: 5 },
      { elapsedMs: 1500, step: 15 },
    ]);
    expect(addSample(s, { elapsedMs: 100, step: 1 }, 1000)).toEqual([{ elapsedMs: 100, step: 1 }]);
  });

  it('estimates from the recent rate rather than the whole run', () => {
    // Slow at first (1 step/s), now 10 steps/s: 100 steps left should take 10 s.
    const samples = [
      { elapsedMs: 100_000, step: 100 },
      { elapsedMs: 110_000, step: 200 },
    ];
    expect(recentRate(samples)).toBeCloseTo(0.01);
    expect(estimateRemainingMs(samples, 200, 300, 110_000)).toBeCloseTo(10_000);
  });

  it('falls back to the average rate, and knows when it cannot tell', () => {
    expect(estimateRemainingMs([{ elapsedMs: 1000, step: 10 }], 10, 20, 1000)).toBeCloseTo(1000);
    expect(estimateRemainingMs([], 0, 20, 0)).toBeNull();
    expect(estimateRemainingMs([], 20, 20, 5000)).toBe(0);
  });
});
