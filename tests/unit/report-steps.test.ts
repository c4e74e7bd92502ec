import { describe, expect, it } from 'vitest';
import { reportSteps, reportsAt } from '@/app/_training/report-steps';

describe('the steps a run reports at', () => {
  it('are the first step, every reportEvery-th and the last', () => {
    expect(reportSteps(20, 5)).toEqual([1, 5, 10, 15, 20]);
    expect(reportSteps(12, 5)).toEqual([1, 5, 10, 12]);
    expect(reportsAt(2, 5, 20)).toBe(false);
  });
});
