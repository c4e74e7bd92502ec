/** U+2009 THIN SPACE: the SI thousands separator, narrow enough not to read as two numbers. */
export const THIN_SPACE = '\u2009';

/** An integer with thin-space thousands separators: 1234567 -> "1 234 567" (thin spaces). */
export function formatThousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
}

/** A duration in milliseconds as m:ss, or h:mm:ss from an hour; "–:––" when unknown or negative. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–:––';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A rate with a k/M suffix past a thousand: 12345 -> "12.3k", 950 -> "950". */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return abs >= 10 ? String(Math.round(n)) : n.toFixed(1);
}
