import { describe, expect, it } from 'vitest';
import { runAlphaHex, spreadLabels } from '@/app/_components/board/median-marks';

describe('runAlphaHex', () => {
  it('fades each run as the class grows, within 0x14..0x50', () => {
    const alphas = [1, 20, 60, 300, 5000].map((n) => parseInt(runAlphaHex(n), 16));
    expect(alphas[0]).toBe(0x50);
    expect(alphas[1]).toBe(0x50);
    expect(alphas[4]).toBe(0x14);
    expect(alphas).toEqual([...alphas].sort((a, b) => b - a));
    expect(runAlphaHex(300)).toMatch(/^[0-9a-f]{2}$/);
  });
});

describe('spreadLabels', () => {
  it('keeps labels that are far apart where they are', () => {
    expect(spreadLabels([100, 10, 50], 20, 0, 200)).toEqual([100, 10, 50]);
  });

  it('pushes crowded labels at least `gap` apart, in their order', () => {
    const ys = spreadLabels([50, 52, 51], 20, 0, 200);
    const sorted = [...ys].sort((a, b) => a - b);
    expect(sorted[1] - sorted[0]).toBeGreaterThanOrEqual(20);
    expect(sorted[2] - sorted[1]).toBeGreaterThanOrEqual(20);
    expect(ys[0]).toBeLessThan(ys[2]);
    expect(ys[2]).toBeLessThan(ys[1]);
  });

  it('keeps labels inside the plot at its bottom edge', () => {
    const ys = spreadLabels([199, 199, 199], 20, 0, 200);
    expect(Math.max(...ys)).toBeLessThanOrEqual(200);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  });
});
