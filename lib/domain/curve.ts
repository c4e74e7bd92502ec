import type { CurvePoint } from '../protocol/board';

/**
 * At most `max` points of a validation curve (step order), for a chart that cannot draw more: evenly
 * spaced by index, always keeping the first and last points and the lowest loss, so the curve's ends
 * and its best score survive. Shorter curves come back as they are. `max` must be at least 3.
 */
export function downsampleCurve(curve: CurvePoint[], max: number): CurvePoint[] {
  if (curve.length <= max) return curve;
  let best = 0;
  for (let i = 1; i < curve.length; i++) if (curve[i][1] < curve[best][1]) best = i;
  const keep = new Set<number>([0, curve.length - 1, best]);
  const slots = max - keep.size;
  const stride = (curve.length - 1) / (slots + 1);
  for (let k = 1; k <= slots; k++) keep.add(Math.round(k * stride));
  return [...keep].sort((a, b) => a - b).map((i) => curve[i]);
}
