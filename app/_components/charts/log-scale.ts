/**
 * Helpers for a base-10 log axis over values that span dozens of decades and may contain exact
 * zeros (a vanilla RNN's gradient really does underflow). Pure, so they are unit-tested.
 */

/** Powers of ten below 1e-300 near float64's subnormal range (from ~2.2e-308), where precision runs out. */
const MIN_EXPONENT = -300;
const MAX_EXPONENT = 300;

export interface LogDomain {
  /** The axis runs from 10^minExp to 10^maxExp; both integers, minExp < maxExp. */
  minExp: number;
  maxExp: number;
  /** Where non-positive values are drawn: one decade under the smallest positive value's decade. */
  floor: number;
  /** Smallest positive finite value, or null when there is none. */
  minPositive: number | null;
  /** Largest finite value, or null when there is none. */
  max: number | null;
}

/** 10^e as the nearest double (10 ** e can be one ulp off, e.g. 10 ** -21 !== 1e-21). */
export function pow10(e: number): number {
  return Number(`1e${e}`);
}

const clampExp = (e: number) => Math.min(MAX_EXPONENT, Math.max(MIN_EXPONENT, e));

/**
 * The decade-aligned domain covering every positive finite value, plus one spare decade at the
 * bottom for the floor when any value is zero or negative. Falls back to [1e-2, 1] with no data.
 */
export function logDomain(values: readonly number[]): LogDomain {
  let minPositive = Infinity;
  let max = -Infinity;
  let hasNonPositive = false;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v > max) max = v;
    if (v > 0) minPositive = Math.min(minPositive, v);
    else hasNonPositive = true;
  }
  const found = Number.isFinite(minPositive);
  let minExp = found ? clampExp(Math.floor(Math.log10(minPositive))) : -1;
  let maxExp = found ? clampExp(Math.ceil(Math.log10(max))) : 0;
  if (maxExp <= minExp) maxExp = minExp + 1;
  if (hasNonPositive || !found) minExp -= 1;
  return {
    minExp,
    maxExp,
    floor: pow10(minExp),
    minPositive: found ? minPositive : null,
    max: Number.isFinite(max) ? max : null,
  };
}

/**
 * Powers of ten between 10^minExp and 10^maxExp inclusive, at most `maxTicks` of them: with a wide
 * span every n-th decade, n chosen from 1, 2, 5, 10, 20, 50… and ticks on multiples of n (1e-35, 1e-30…).
 */
export function decadeTicks(minExp: number, maxExp: number, maxTicks = 8): number[] {
  const span = maxExp - minExp;
  if (span < 0 || maxTicks < 1) return [];
  let stride = 1;
  for (let base = 1; ; base *= 10) {
    const fit = [1, 2, 5].map((m) => m * base).find((s) => Math.floor(span / s) + 1 <= maxTicks);
    if (fit !== undefined) {
      stride = fit;
      break;
    }
  }
  const ticks: number[] = [];
  for (let e = Math.ceil(minExp / stride) * stride; e <= maxExp; e += stride) ticks.push(pow10(e));
  return ticks;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A power of ten as "10⁻³⁵"; 1 and 10 stay plain. Other values get 2-significant-digit exponent notation. */
export function formatPow10(v: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return String(v);
  const e = Math.round(Math.log10(v));
  if (Math.abs(v / pow10(e) - 1) > 1e-9) return v.toExponential(1);
  if (e === 0) return '1';
  if (e === 1) return '10';
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

/**
 * Values ready for a log axis: non-positive finite values are replaced by `floor` and flagged as
 * clamped so the chart can mark them; NaN and ±Infinity become null (a gap), never a crash.
 */
export function clampForLog(values: readonly number[], floor: number): { ys: (number | null)[]; clamped: boolean[] } {
  const ys: (number | null)[] = [];
  const clamped: boolean[] = [];
  for (const v of values) {
    const finite = Number.isFinite(v);
    const low = finite && v <= 0;
    ys.push(!finite ? null : low ? floor : v);
    clamped.push(low);
  }
  return { ys, clamped };
}

/**
 * Tick values worth a label on a log axis that spans few decades (loss in bits): mantissas 1, 2
 * and 5; others become null, which uPlot draws as an unlabelled tick.
 */
export function roundLogTicks(splits: readonly number[]): (number | null)[] {
  return splits.map((v) => {
    if (!(v > 0)) return null;
    const mantissa = v / pow10(Math.floor(Math.log10(v) + 1e-9));
    return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? v : null;
  });
}
