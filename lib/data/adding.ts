import type { Rng } from '../model/rng';
import { buildSplits, type Example } from './splits';
import type { HeldOut, TaskData } from './types';

/** Parameters of the delayed recall / adding task. */
export interface AddingParams {
  /** 'add': answer the sum of the two marked digits; 'recall': repeat the one marked digit. */
  mode: 'add' | 'recall';
  /** Tokens between the first marked digit and the answer, roughly (8-200). */
  delay: number;
  /** Recall mode: digits in the marked value (1-3); more digits, more to remember. */
  digits: number;
}

const DIGITS = Array.from({ length: 10 }, (_, d) => String(d));
const SUMS = Array.from({ length: 19 }, (_, s) => `s${s}`);
const VOCAB = ['|', '.', 'A', 'B', '=', ...DIGITS, ...SUMS];
const id = (w: string) => VOCAB.indexOf(w);
const digit = (d: number) => id(String(d));

/**
 * One example: `delay` tokens of filler '.' holding 'A' and the marked digits within the first
 * four tokens and (add mode) 'B' and a digit in the second half, then '=', the answer (the sum
 * token, or the marked digits again) and '|'. The digits and the marker positions are noise; the
 * answer depends on the marked digits, about `delay` tokens back.
 */
function example(rng: Rng, p: AddingParams): Example {
  const tokens = new Array<number>(p.delay).fill(id('.'));
  const marked = Array.from({ length: p.mode === 'add' ? 1 : p.digits }, () => rng.int(10));
  const first = rng.int(4);
  tokens[first] = id('A');
  marked.forEach((x, k) => (tokens[first + 1 + k] = digit(x)));
  let answer = marked.map(digit);
  if (p.mode === 'add') {
    const y = rng.int(10);
    const half = Math.floor(p.delay / 2);
    const second = half + rng.int(p.delay - half - 1);
    tokens[second] = id('B');
    tokens[second + 1] = digit(y);
    answer = [id(`s${marked[0] + y}`)];
  }
  tokens.push(id('='));
  const checks = answer.map((_, k) => ({ offset: tokens.length + k, set: 0 }));
  tokens.push(...answer, id('|'));
  return { tokens, checks };
}

export const ADDING_DEFAULTS: AddingParams = { mode: 'recall', delay: 30, digits: 2 };

/**
 * Generates the delayed recall / adding task from a seed. Splits of about 160,000 / 16,000 / 16,000
 * tokens (buildSplits); deterministic in (seed, params); pure.
 */
export function generateAdding(seed: number, params: Partial<AddingParams> = {}, heldOut?: HeldOut): TaskData {
  const p = { ...ADDING_DEFAULTS, ...params };
  if (!(p.delay >= 8 && p.delay <= 200) || (p.mode !== 'add' && p.mode !== 'recall') || !(p.digits >= 1 && p.digits <= 3)) {
    throw new Error("adding: delay must be 8-200, digits 1-3 and mode 'add' or 'recall'");
  }
  return {
    vocab: VOCAB,
    separator: ' ',
    ...buildSplits(seed, (rng) => example(rng, p), heldOut?.testSeed),
    accuracy: {
      description: p.mode === 'add' ? 'the answer is the sum of the two marked digits' : 'each answer digit repeats the marked digit',
      candidateSets: [p.mode === 'add' ? SUMS.map(id) : DIGITS.map(id)],
    },
  };
}
