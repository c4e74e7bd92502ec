/** One observation of progress: training steps done after `elapsedMs` of training time. */
export interface ProgressSample {
  elapsedMs: number;
  step: number;
}

/** How far back the "recent" rate looks: long enough to smooth jitter, short enough to follow a slowdown. */
export const RATE_WINDOW_MS = 10_000;

/**
 * Adds `sample` to the history, dropping samples older than `windowMs` before it. A step or clock
 * that went backwards means a new run, so the history restarts. Returns a new array.
 */
export function addSample(
  samples: readonly ProgressSample[],
  sample: ProgressSample,
  windowMs = RATE_WINDOW_MS,
): ProgressSample[] {
  const last = samples[samples.length - 1];
  if (last && (sample.step < last.step || sample.elapsedMs < last.elapsedMs)) return [sample];
  if (last && last.step === sample.step && last.elapsedMs === sample.elapsedMs) return [...samples];
  return [...samples, sample].filter((s) => sample.elapsedMs - s.elapsedMs <= windowMs);
}

/** Steps per millisecond between the oldest and newest sample, or null with too little to go on. */
export function recentRate(samples: readonly ProgressSample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const dt = last.elapsedMs - first.elapsedMs;
  const ds = last.step - first.step;
  return dt > 0 && ds > 0 ? ds / dt : null;
}

/**
 * Milliseconds left until `budgetSteps`, from the recent rate, or from the whole run's average when
 * the recent window holds too little. Null when no rate is known yet; 0 once the budget is reached.
 */
export function estimateRemainingMs(
  samples: readonly ProgressSample[],
  step: number,
  budgetSteps: number,
  elapsedMs: number,
): number | null {
  if (step >= budgetSteps) return 0;
  const rate = recentRate(samples) ?? (elapsedMs > 0 && step > 0 ? step / elapsedMs : null);
  return rate === null ? null : (budgetSteps - step) / rate;
}
