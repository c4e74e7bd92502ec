import { describe, expect, it } from 'vitest';
import { gradientPlotData } from '@/app/_components/charts/gradient-data';
import { clampForLog, decadeTicks, formatPow10, logDomain, roundLogTicks } from '@/app/_components/charts/log-scale';

describe('logDomain', () => {
  it('covers the data with whole decades', () => {
    expect(logDomain([3e-35, 0.2, 4.5])).toMatchObject({ minExp: -35, maxExp: 1, minPositive: 3e-35, max: 4.5 });
  });

  it('adds a decade below for zeros and puts the floor there', () => {
    const d = logDomain([0, 1e-20, 1e-3]);
    expect(d.minExp).toBe(-21);
    expect(d.floor).toBe(1e-21);
    expect(d.minPositive).toBe(1e-20);
  });

  it('keeps at least one decade for a single value and survives no data', () => {
    expect(logDomain([1e-3])).toMatchObject({ minExp: -3, maxExp: -2 });
    expect(logDomain([])).toMatchObject({ minExp: -2, maxExp: 0, minPositive: null, max: null });
    expect(logDomain([Number.NaN, Number.POSITIVE_INFINITY])).toMatchObject({ minPositive: null, max: null });
  });

  it('stays inside float64 even for subnormal gradients', () => {
    const d = logDomain([5e-320, 1]);
    expect(d.minExp).toBeGreaterThanOrEqual(-300);
    expect(d.floor).toBeGreaterThan(0);
  });
});

describe('decadeTicks', () => {
  it('lists every decade of a narrow span', () => {
    expect(decadeTicks(-3, 0)).toEqual([1e-3, 1e-2, 1e-1, 1]);
  });

  it('thins a wide span to round strides and stays under maxTicks', () => {
    const ticks = decadeTicks(-36, 1, 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.map((t) => Math.round(Math.log10(t)))).toEqual([-35, -30, -25, -20, -15, -10, -5, 0]);
  });

  it('uses the smallest of 1, 2, 5, 10… that fits', () => {
    expect(decadeTicks(-10, 0, 6).map((t) => Math.round(Math.log10(t)))).toEqual([-10, -8, -6, -4, -2, 0]);
    expect(decadeTicks(-300, 0, 4).map((t) => Math.round(Math.log10(t)))).toEqual([-300, -200, -100, 0]);
  });

  it('returns nothing for an empty range', () => {
    expect(decadeTicks(2, 1)).toEqual([]);
  });
});

describe('formatPow10', () => {
  it('writes powers of ten with superscripts', () => {
    expect(formatPow10(1e-35)).toBe('10⁻³⁵');
    expect(formatPow10(100)).toBe('10²');
    expect(formatPow10(1)).toBe('1');
    expect(formatPow10(10)).toBe('10');
    expect(formatPow10(3e-5)).toBe('3.0e-5');
  });
});

describe('clampForLog', () => {
  it('puts zeros and negatives on the floor, flags them, and turns non-finite values into gaps', () => {
    expect(clampForLog([1e-5, 0, -1, Number.NaN, Number.POSITIVE_INFINITY], 1e-9)).toEqual({
      ys: [1e-5, 1e-9, 1e-9, null, null],
      clamped: [false, true, true, false, false],
    });
  });
});

describe('gradientPlotData', () => {
  it('indexes by steps back so the last step of every curve is x = 0', () => {
    const plot = gradientPlotData([
      { id: 'a', label: 'rnn', color: '#000', gradNorm: [0, 1e-10, 1] },
      { id: 'b', label: 'lstm', color: '#111', gradNorm: [0.5, 2] },
    ]);
    expect(plot.x).toEqual([0, 1, 2]);
    expect(plot.ys[0]).toEqual([1, 1e-10, 1e-11]);
    expect(plot.clamped[0]).toEqual([false, false, true]);
    expect(plot.ys[1]).toEqual([2, 0.5, null]);
    expect(plot.count).toBe(5);
    expect(plot.domain).toMatchObject({ minPositive: 1e-10, max: 2 });
  });
});

describe('roundLogTicks', () => {
  it('keeps mantissas 1, 2 and 5 and blanks the rest', () => {
    expect(roundLogTicks([1, 2, 3, 4, 5, 6, 10, 20, 0.5, 0.3, 0])).toEqual([
      1,
      2,
      null,
      null,
      5,
      null,
      10,
      20,
      0.5,
      null,
      null,
    ]);
  });
});
