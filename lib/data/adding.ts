import type { Rng } from '../model/rng';
import { buildSplits, type Example } from './splits';
import type { TaskData } from './types';

/** Parameters of the delayed recall / adding task. */
export interface AddingParams {
  /** 'add': answer the sum of the two marked digits; 'recall': repeat the one marked digit. */
  mode: 'add' | 'recall';
  /** Tokens between the first marked digit and the answer, roughly (8-200). */
  delay: number;
}

const DIGITS = Array.from({ length: 10 }, (_, d) => String(d));
const SUMS = Array.from({ length: 19 }, (_, s) => `s${s}`);
const VOCAB = ['|', '.', ',', 'A', 'B', '=', ...DIGITS, ...SUMS];
/** Share of filler tokens that are ',' instead of '.': a little noise, so examples rarely repeat. */
const COMMA_RATE = 0.05;
const id = (w: string) => VOCAB.indexOf(w);
const digit = (d: number) => id(String(d));

/**
 * One example of `delay` + 3 tokens: filler ('.', sometimes ','), 'A' and a digit within the first four tokens,
 * (add mode) 'B' and a digit in the second half, then '=', the answer and '|'. The digits and the
 * marker positions are noise; the answer depends on the first digit, about `delay` tokens back.
 */
function example(rng: Rng, p: AddingParams): Example {
  const tokens = Array.from({ length: p.delay }, () => id(rng.next() < COMMA_RATE ? ',' : '.'));
  const x = rng.int(10);
  const first = rng.int(4);
  tokens[first] = id('A');
  tokens[first + 1] = digit(x);
  let answer = digit(x);
  if (p.mode === 'add') {
    const y = rng.int(10);
    const half = Math.floor(p.delay / 2);
    const second = half + rng.int(p.delay - half - 1);
    tokens[second] = id('B');
    tokens[second + 1] = digit(y);
    answer = id(`s${x + y}`);
  }
  tokens.push(id('='));
  const offset = tokens.length;
  tokens.push(answer, id('|'));
  return { tokens, checks: [{ offset, set: 0 }] };
}

export const ADDING_DEFAULTS: AddingParams = { mode: 'add', delay: 20 };

/** Generates the delayed recall / adding task from a seed. */
export function generateAdding(seed: number, params: Partial<AddingParams> = {}): TaskData {
  const p = { ...ADDING_DEFAULTS, ...params };
  if (!(p.delay >= 8 && p.delay <= 200) || (p.mode !== 'add' && p.mode !== 'recall')) {
    throw new Error("adding: delay must be 8-200 and mode 'add' or 'recall'");
  }
  return {
    vocab: VOCAB,
    separator: ' ',
    ...buildSplits(seed, (rng) => example(rng, p)),
    accuracy: {
      description: p.mode === 'add' ? 'the answer is the sum of the two marked digits' : 'the answer repeats the marked digit',
      candidateSets: [p.mode === 'add' ? SUMS.map(id) : DIGITS.map(id)],
    },
  };
}
