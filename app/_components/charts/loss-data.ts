import type { MetricPoint } from '@/lib/protocol/run';
import { MUTED_COLOR } from './palette';

/**
 * The losses of one metric point, in bits per token; either is absent when not measured at that step
 * (a downsampled chunk can lack a training loss too).
 */
export type LossPoint = Pick<MetricPoint, 'step'> & Partial<Pick<MetricPoint, 'trainLoss' | 'valLoss'>>;

export interface LossRun {
  id: string;
  label: string;
  color: string;
  /** An earlier run: drawn grey and thin, underneath the current one. */
  muted?: boolean;
  points: LossPoint[];
}

export type LossMetric = 'trainLoss' | 'valLoss' | 'both';
type MetricKey = 'trainLoss' | 'valLoss';

/** One drawn line: a run's training or validation loss. */
export interface LossSeries {
  runId: string;
  label: string;
  color: string;
  muted: boolean;
  metric: MetricKey;
}

const METRIC_SUFFIX: Record<MetricKey, string> = { trainLoss: 'train', valLoss: 'val' };

/**
 * The lines to draw, muted runs first: uPlot paints series in order, so the current run ends up on top.
 * With `both`, each run gets a train and a val line (val dashed by the chart).
 */
export function lossSeries(runs: readonly LossRun[], metric: LossMetric): LossSeries[] {
  const metrics: MetricKey[] = metric === 'both' ? ['trainLoss', 'valLoss'] : [metric];
  const ordered = [...runs.filter((r) => r.muted), ...runs.filter((r) => !r.muted)];
  return ordered.flatMap((run) =>
    metrics.map((m) => ({
      runId: run.id,
      label: metric === 'both' ? `${run.label} (${METRIC_SUFFIX[m]})` : run.label,
      color: run.muted ? MUTED_COLOR : run.color,
      muted: Boolean(run.muted),
      metric: m,
    })),
  );
}

/** Identity of a series set: the chart is rebuilt only when this changes, and fed new data otherwise. */
export function seriesKey(series: readonly LossSeries[]): string {
  return series
    .map((s) => `${s.runId}\u0000${s.metric}\u0000${s.label}\u0000${s.color}\u0000${s.muted}`)
    .join('\u0001');
}

function meanOf(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * At most `maxPoints` points per run: consecutive chunks of equal size are replaced by one point at
 * the chunk's last step holding the mean of each loss measured in it. Chunks are counted from the
 * first point, so earlier chunks keep their values while a live run grows (no jitter).
 */
export function downsampleLoss(points: readonly LossPoint[], maxPoints: number): LossPoint[] {
  if (points.length <= maxPoints || maxPoints < 1) return [...points];
  const size = Math.ceil(points.length / maxPoints);
  const out: LossPoint[] = [];
  for (let start = 0; start < points.length; start += size) {
    const chunk = points.slice(start, start + size);
    const pick = (m: MetricKey) => chunk.flatMap((p) => (p[m] !== undefined && Number.isFinite(p[m]) ? [p[m]] : []));
    out.push({
      step: chunk[chunk.length - 1].step,
      trainLoss: meanOf(pick('trainLoss')),
      valLoss: meanOf(pick('valLoss')),
    });
  }
  return out;
}

export interface AlignedLoss {
  /** Union of the steps of every series, ascending. */
  x: number[];
  /** One array per series (same order as `series`), null where that run has no value at x[i]. */
  ys: (number | null)[][];
  /** How many non-null values are drawn in total. */
  count: number;
}

/**
 * Aligns runs logged on different step grids onto one ascending x axis, with nulls where a run has
 * no value (the chart spans those gaps). Non-finite losses, and non-positive ones when `logY`, become null.
 */
export function alignLoss(
  runs: readonly LossRun[],
  series: readonly LossSeries[],
  logY: boolean,
  maxPoints = 2000,
): AlignedLoss {
  const byRun = new Map(runs.map((r) => [r.id, new Map(downsampleLoss(r.points, maxPoints).map((p) => [p.step, p]))]));
  const usable = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && (!logY || v > 0);
  const steps = new Set<number>();
  for (const s of series) {
    for (const p of byRun.get(s.runId)?.values() ?? []) if (usable(p[s.metric])) steps.add(p.step);
  }
  const x = [...steps].sort((a, b) => a - b);
  let count = 0;
  const ys = series.map((s) => {
    const points = byRun.get(s.runId);
    return x.map((step) => {
      const v = points?.get(step)?.[s.metric];
      if (!usable(v)) return null;
      count += 1;
      return v;
    });
  });
  return { x, ys, count };
}

/** Share of the drawn values that may lie above the top of the axis: the first steps' high losses. */
const CUT_ABOVE_QUANTILE = 0.95;
/** Space above and below the data, as a share of its span, and the narrowest span drawn (bits per token). */
const RANGE_PAD = 0.05;
const MIN_SPAN_BITS = 0.05;

/**
 * The y range of a linear loss axis (bits per token), fitted to the data: from just under the lowest
 * value to the 95th percentile of all values, so the first few steps' losses (5 bits and more, falling
 * fast) do not flatten everything after them into a line. Every series' latest value stays in view
 * (a run whose loss climbs at the end shows it). Null with no finite value. Pure.
 */
export function lossRange(ys: readonly (readonly (number | null)[])[]): [number, number] | null {
  const values: number[] = [];
  let top = -Infinity;
  for (const series of ys) {
    let last: number | null = null;
    for (const v of series) {
      if (v === null || !Number.isFinite(v)) continue;
      values.push(v);
      last = v;
    }
    if (last !== null) top = Math.max(top, last);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const min = values[0];
  const upper = Math.max(values[Math.floor((values.length - 1) * CUT_ABOVE_QUANTILE)], top, min + MIN_SPAN_BITS);
  const span = upper - min;
  return [Math.max(0, min - span * RANGE_PAD), upper + span * RANGE_PAD];
}

/** Room above and below a log axis fitted to the data, as a factor. */
const LOG_PAD = 1.08;

/**
 * The y range of a log loss axis (bits per token) fitted to the data: from just under the smallest
 * positive value to just over the largest, not widened to whole decades (an axis from 0.5 to 10 squeezed a
 * curve from 1 to 3 into a third of the plot). A run's whole curve stays in view. Null with no positive
 * finite value. Pure.
 */
export function logLossRange(ys: readonly (readonly (number | null)[])[]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const series of ys) {
    for (const v of series) {
      if (v === null || !Number.isFinite(v) || v <= 0) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (!Number.isFinite(min)) return null;
  return [min / LOG_PAD, max * LOG_PAD];
}
