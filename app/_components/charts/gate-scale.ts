/**
 * Which gate activations are signed. tanh outputs (LSTM candidate g, GRU candidate n) and the LSTM
 * cell state c range over [-1, 1] or beyond; the sigmoid gates (i, f, o, r, z) over [0, 1].
 */
const SIGNED_GATES = new Set(['g', 'c', 'n']);

export const DEFAULT_GATE_LABELS: Readonly<Record<string, string>> = {
  i: 'input gate',
  f: 'forget gate',
  g: 'candidate',
  o: 'output gate',
  c: 'cell state',
  r: 'reset gate',
  z: 'update gate',
  n: 'candidate',
};

/** True for a signed quantity; an unknown gate name counts as signed when any value is negative. */
export function isSignedGate(name: string, values: readonly (readonly number[])[]): boolean {
  return SIGNED_GATES.has(name) || values.some((row) => row.some((v) => v < 0));
}

/** Column `unit` of a [T][H] matrix; NaN where a row is too short. */
export function unitColumn(values: readonly (readonly number[])[], unit: number): number[] {
  return values.map((row) => (unit < row.length ? row[unit] : Number.NaN));
}

/** Number of units (H) of a [T][H] matrix: the longest row, so a ragged matrix loses no unit. */
export function unitCount(values: readonly (readonly number[])[]): number {
  return values.reduce((h, row) => Math.max(h, row.length), 0);
}

/** A colour scale fitted to one unit's activations. */
export interface UnitScale {
  kind: 'sequential' | 'diverging';
  min: number;
  max: number;
}

/**
 * Sigmoid gates use a fixed [0, 1] sequential scale so units can be compared by eye. Signed ones use
 * a symmetric diverging scale, ±1 unless the unit goes beyond (the cell state can), rounded up to 0.5.
 */
export function unitScale(signed: boolean, column: readonly number[]): UnitScale {
  if (!signed) return { kind: 'sequential', min: 0, max: 1 };
  const peak = column.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const half = Math.max(1, Math.ceil(peak * 2) / 2);
  return { kind: 'diverging', min: -half, max: half };
}

/** A token made visible: spaces as ·, tabs as ⇥, newlines as ↵ followed by a real line break. */
export function visibleToken(token: string): { text: string; lineBreak: boolean } {
  const lineBreak = token.endsWith('\n');
  const text = token.replace(/ /g, '·').replace(/\t/g, '⇥').replace(/\r?\n/g, '↵');
  return { text: text === '' ? '∅' : text, lineBreak };
}

/**
 * True when the snippet is word-level (a task's tokens such as "the", "bird"): any token longer than one
 * character. Such tokens are shown with a space between them and lines break only between tokens;
 * character-level text is shown as written.
 */
export function isWordLevel(tokens: readonly string[]): boolean {
  return tokens.some((t) => [...t].length > 1);
}
