/** Small position scales for the board's SVG plots (scatter, cell comparison). Pure, unit-tested. */

export interface Scale {
  /** Data value to pixel position; values outside the domain land outside the range. */
  (v: number): number;
  domain: [number, number];
  ticks: number[];
}

/** [min, max] of the finite values, padded by `pad` of the span (or ±pad·|v| for one value); null for none. */
export function paddedExtent(values: readonly number[], pad = 0.08): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return null;
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * pad, hi + span * pad];
}

/** About `count` round ticks (1, 2 or 5 × 10^k apart) inside [lo, hi]. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const base = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * base).find((s) => s >= raw) ?? 10 * base;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Linear map of [d0, d1] onto [r0, r1] (r0 > r1 for a y axis that grows upwards). */
export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number], tickCount = 5): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as Scale;
  scale.domain = [d0, d1];
  scale.ticks = linearTicks(d0, d1, tickCount);
  return scale;
}

/**
 * Log map for positive values (learning rates in base 10, hidden sizes in base 2), widened to whole
 * powers of `base` so ticks fall on 1e-4, 1e-3… or 16, 32…; with one value it still spans one power.
 */
export function logScale(values: readonly number[], [r0, r1]: [number, number], base = 10): Scale {
  const log = (v: number) => Math.log(v) / Math.log(base);
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const lo = positive.length ? Math.floor(log(Math.min(...positive)) + 1e-9) : 0;
  let hi = positive.length ? Math.ceil(log(Math.max(...positive)) - 1e-9) : 1;
  if (hi <= lo) hi = lo + 1;
  const k = (r1 - r0) / (hi - lo);
  const scale = ((v: number) => r0 + (log(v) - lo) * k) as Scale;
  const power = (e: number) => (base === 10 ? Number(`1e${e}`) : base ** e);
  scale.domain = [power(lo), power(hi)];
  scale.ticks = Array.from({ length: hi - lo + 1 }, (_, i) => power(lo + i));
  return scale;
}

/** A stable offset in [−1, 1] from a run id, to spread runs with identical settings apart. */
export function jitter(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/** Index of the point nearest (x, y) within `maxPx`, or −1. O(points); fine for a class of a few hundred runs. */
export function nearestPoint(points: readonly { x: number; y: number }[], x: number, y: number, maxPx: number): number {
  let best = -1;
  let bestD2 = maxPx * maxPx;
  points.forEach((p, i) => {
    const d2 = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d2 <= bestD2) {
      best = i;
      bestD2 = d2;
    }
  });
  return best;
}
