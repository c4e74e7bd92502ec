import { OKABE_ITO } from './palette';

type Rgb = readonly [number, number, number];

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbString([r, g, b]: Rgb): string {
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Piecewise-linear interpolation through evenly spaced colour stops; t in [0, 1], clamped. */
function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const x = clamp01(t) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** Viridis: perceptually uniform and readable with every common colour-vision deficiency. */
const SEQUENTIAL_STOPS: readonly Rgb[] = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'].map(hexToRgb);

/**
 * Okabe–Ito blue through the panel colour to Okabe–Ito orange. The centre is dark on purpose:
 * a value near zero should look like the background, so only strong activations catch the eye.
 */
const DIVERGING_STOPS: readonly Rgb[] = [OKABE_ITO.blue, '#1e293b', OKABE_ITO.orange].map(hexToRgb);

/** Shown for NaN or infinite values, which a diverging or sequential colour would misrepresent. */
export const INVALID_COLOR = 'rgb(127, 127, 127)';

/** Colour of `value` on a sequential scale over [min, max] (default [0, 1]); out-of-range values are clamped. */
export function sequentialColor(value: number, min = 0, max = 1): string {
  if (!Number.isFinite(value)) return INVALID_COLOR;
  const span = max - min;
  return rgbString(interpolate(SEQUENTIAL_STOPS, span > 0 ? (value - min) / span : 0.5));
}

/** Colour of `value` on a diverging scale over [-maxAbs, maxAbs], zero at the centre; clamped outside. */
export function divergingColor(value: number, maxAbs = 1): string {
  if (!Number.isFinite(value)) return INVALID_COLOR;
  const half = maxAbs > 0 ? maxAbs : 1;
  return rgbString(interpolate(DIVERGING_STOPS, 0.5 + value / (2 * half)));
}

/** Black or white, whichever reads better on an `rgb(r, g, b)` background (WCAG relative luminance). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const m = background.match(/\d+(\.\d+)?/g);
  if (!m || m.length < 3) return '#ffffff';
  const [r, g, b] = m.slice(0, 3).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // 0.179 is where the contrast ratio against black equals that against white.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** CSS gradient of a scale, for legends: `sequential` left-to-right low-to-high, `diverging` negative-to-positive. */
export function scaleGradient(kind: 'sequential' | 'diverging'): string {
  const stops = kind === 'sequential' ? SEQUENTIAL_STOPS : DIVERGING_STOPS;
  return `linear-gradient(to right, ${stops.map(rgbString).join(', ')})`;
}
