/** Frobenius norm of rows [from, to) computed in float64, scaled so tiny values do not underflow. */
function norm64(v: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(v[i]));
  if (m === 0) return 0;
  let s = 0;
  for (let i = from; i < to; i++) s += (v[i] / m) ** 2;
  return m * Math.sqrt(s);
}

/** Per-step ‖dL/dx_t‖ ([T] numbers) from a time-major [T*B, I] gradient's values, in float64. Pure. */
export function gradNormByStep(dx: Float32Array, steps: number): number[] {
  const per = dx.length / steps;
  return Array.from({ length: steps }, (_, t) => norm64(dx, t * per, (t + 1) * per));
}
