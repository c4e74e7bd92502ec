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

/** What one quantity of the gate view is, and what its two ends mean for the cell. */
export interface GateMeaning {
  /** One line: what the quantity is, named as a gate only when it is one. */
  what: string;
  /** What the cell does at the low end (0 for a gate, under −0.9 for a signed value)… */
  low: string;
  /** …and at the high end (1, or over 0.9). */
  high: string;
}

/**
 * In the engine's own equations (lib/model/lstm-cell.ts, gru-cell.ts; tests/unit/model/gate-meaning.test.ts
 * holds them there): LSTM c_t = f·c_{t-1} + i·g and h_t = o·tanh(c_t), so f at 1 keeps the cell and i at 1
 * writes the candidate; GRU h_t = (1 − z)·n + z·h_{t-1} (PyTorch's convention), so z at 1 keeps the old
 * state, and n = tanh(x_n + r·(W_hn h_{t-1} + b_hn)), so r at 0 makes the candidate ignore the old state.
 */
export const GATE_MEANINGS: Readonly<Record<string, GateMeaning>> = {
  i: { what: 'input gate: how much of the candidate is written into the cell', low: 'writes nothing', high: 'writes' },
  f: { what: 'forget gate: how much of the cell state is kept', low: 'forgets', high: 'remembers' },
  g: {
    what: 'candidate: new content the input gate may write (not a gate)',
    low: 'pushes the cell down',
    high: 'pushes it up',
  },
  o: { what: 'output gate: how much of the cell state reaches the output', low: 'hides it', high: 'shows it' },
  c: {
    what: 'cell state: the memory itself, a value (not a gate)',
    low: 'strongly negative',
    high: 'strongly positive',
  },
  r: {
    what: 'reset gate: how much of the old state the candidate uses',
    low: 'ignores the old state',
    high: 'uses it',
  },
  z: {
    what: 'update gate: how much of the old state is kept, the rest taken from the candidate',
    low: 'takes the candidate',
    high: 'keeps the old state',
  },
  n: {
    what: 'candidate: new content, let in where z is low (not a gate)',
    low: 'pulls the state down',
    high: 'pulls it up',
  },
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
