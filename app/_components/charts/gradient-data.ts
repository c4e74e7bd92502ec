import { clampForLog, logDomain, type LogDomain } from './log-scale';
import type { RunStyle } from './run-styles';

/** One run's curve, drawn in its run style (runStyles). */
export interface GradientCurve extends RunStyle {
  /** gradNorm[t] for time step t = 0..T-1; the last step (t = T-1) is 0 steps back. */
  gradNorm: number[];
}

export interface GradientPlotData {
  /** Steps back 0..maxT-1, ascending. */
  x: number[];
  /** Per curve, the norm at each x, clamped to `domain.floor` where zero; null past that curve's length. */
  ys: (number | null)[][];
  /** Per curve, which x positions hold a clamped zero. */
  clamped: boolean[][];
  domain: LogDomain;
  /** Non-null values drawn, over all curves. */
  count: number;
}

/**
 * Re-indexes every curve by "steps back" (x = T-1-t), so curves of different lengths share x = 0 at
 * their last step, and prepares them for a log axis.
 */
export function gradientPlotData<C extends { gradNorm: readonly number[] }>(curves: readonly C[]): GradientPlotData {
  const length = Math.max(0, ...curves.map((c) => c.gradNorm.length));
  const x = Array.from({ length }, (_, k) => k);
  const domain = logDomain(curves.flatMap((c) => c.gradNorm));
  let count = 0;
  const ys: (number | null)[][] = [];
  const clamped: boolean[][] = [];
  for (const curve of curves) {
    const back = [...curve.gradNorm].reverse();
    const prepared = clampForLog(back, domain.floor);
    const padding = length - back.length;
    ys.push([...prepared.ys, ...Array<null>(padding).fill(null)]);
    clamped.push([...prepared.clamped, ...Array<boolean>(padding).fill(false)]);
    count += prepared.ys.filter((v) => v !== null).length;
  }
  return { x, ys, clamped, domain, count };
}
