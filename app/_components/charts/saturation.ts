import { unitCount } from './gate-scale';

export interface SaturationShare {
  /** Share of time steps (0..1) with the activation below the low threshold. */
  low: number;
  /** Share of time steps (0..1) with the activation above the high threshold. */
  high: number;
}

/**
 * Per unit h of a [T][H] activation matrix, the share of time steps where it sits below `low` and
 * above `high` (sigmoid gates: 0.1 and 0.9). Non-finite values and missing entries are left out of
 * both the count and the denominator; a unit with no finite value gets { low: 0, high: 0 }.
 */
export function saturationShares(values: number[][], low = 0.1, high = 0.9): SaturationShare[] {
  const units = unitCount(values);
  const below = new Array<number>(units).fill(0);
  const above = new Array<number>(units).fill(0);
  const seen = new Array<number>(units).fill(0);
  for (const row of values) {
    row.forEach((v, h) => {
      if (!Number.isFinite(v)) return;
      seen[h] += 1;
      if (v < low) below[h] += 1;
      else if (v > high) above[h] += 1;
    });
  }
  return seen.map((n, h) => (n === 0 ? { low: 0, high: 0 } : { low: below[h] / n, high: above[h] / n }));
}

/** Unit indices, most saturated (low + high) first; ties by the high share, then by unit index. */
export function saturationOrder(shares: readonly SaturationShare[]): number[] {
  return shares
    .map((s, unit) => ({ unit, total: s.low + s.high, high: s.high }))
    .sort((a, b) => b.total - a.total || b.high - a.high || a.unit - b.unit)
    .map((e) => e.unit);
}

/** Mean low and high shares over all units; zeros when there are none. */
export function meanSaturation(shares: readonly SaturationShare[]): SaturationShare {
  if (shares.length === 0) return { low: 0, high: 0 };
  const sum = shares.reduce((acc, s) => ({ low: acc.low + s.low, high: acc.high + s.high }), { low: 0, high: 0 });
  return { low: sum.low / shares.length, high: sum.high / shares.length };
}
