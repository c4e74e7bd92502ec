import { createRng, type Rng } from '../model/rng';
import type { TokenSplit } from './types';

/** One generated example: its tokens and where (offset in the example) the accuracy is checked. */
export interface Example {
  tokens: number[];
  checks: { offset: number; set: number }[];
}

/** Token budget of each split of a generated task. */
interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

const DEFAULT_SIZES: SplitSizes = { train: 160_000, validation: 16_000, test: 16_000 };

/**
 * FNV-1a over the token ids, then murmur3's finaliser (FNV alone leaves the low bits, which pick
 * the split, poorly mixed): a stable, platform-independent example fingerprint.
 */
function fingerprint(tokens: number[]): number {
  let h = 0x811c9dc5;
  for (const t of tokens) {
    h ^= t + 1;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Which split an example belongs to, from its content alone: 1/16 test, 1/16 validation, the rest
 * train. Every split draws from the same generator but keeps only its own examples, so no example
 * occurs in two splits, whatever the seed.
 */
export function splitOf(tokens: number[]): keyof SplitSizes {
  const bucket = fingerprint(tokens) % 16;
  return bucket === 0 ? 'test' : bucket === 1 ? 'validation' : 'train';
}

function buildSplit(rng: Rng, make: (rng: Rng) => Example, which: keyof SplitSizes, size: number): TokenSplit {
  const tokens: number[] = [];
  const positions: number[] = [];
  const sets: number[] = [];
  let misses = 0;
  while (tokens.length < size) {
    const ex = make(rng);
    if (splitOf(ex.tokens) !== which) {
      if (++misses > 100 * size) throw new Error('the task has too few distinct examples for its splits');
      continue;
    }
    for (const c of ex.checks) {
      positions.push(tokens.length + c.offset);
      sets.push(c.set);
    }
    tokens.push(...ex.tokens);
  }
  return { tokens: Int32Array.from(tokens), checkPositions: Int32Array.from(positions), checkSets: Int32Array.from(sets) };
}

/**
 * Concatenates examples from `make` into train / validation / test streams of about the given
 * sizes in tokens (whole examples), disjoint by construction (see splitOf). The test stream is drawn
 * from `testSeed`: the server's secret one, which students never learn; whatever the seed, its
 * examples occur in no training data. Deterministic for the seeds; pure.
 */
export function buildSplits(
  seed: number,
  make: (rng: Rng) => Example,
  testSeed: number = seed,
  sizes: SplitSizes = DEFAULT_SIZES,
) {
  return {
    train: buildSplit(createRng(seed, 11), make, 'train', sizes.train),
    validation: buildSplit(createRng(seed, 12), make, 'validation', sizes.validation),
    test: buildSplit(createRng(testSeed, 13), make, 'test', sizes.test),
  };
}
