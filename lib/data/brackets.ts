import type { Rng } from '../model/rng';
import { buildSplits, type Example } from './splits';
import type { HeldOut, TaskData } from './types';

/** Parameters of the bracket language. */
export interface BracketParams {
  /** Bracket kinds, 2-4: ( [ { <. */
  kinds: number;
  /** Brackets opened per sequence (8-64). */
  pairs: number;
  /** Maximum nesting depth (2-16). */
  maxDepth: number;
  /** Accuracy counts closing brackets at least this many tokens after their opener (1-64). */
  minDistance: number;
}

const OPEN = ['(', '[', '{', '<'];
const CLOSE = [')', ']', '}', '>'];
const VOCAB = ['|', ...OPEN, ...CLOSE];
const closeId = (kind: number) => 1 + OPEN.length + kind;

/**
 * One balanced sequence ending in '|': opens a random kind or closes the innermost open bracket
 * (even odds while both are allowed). Which bracket closes is forced by what was opened, possibly
 * many tokens earlier; whether and what to open is noise.
 */
function sequence(rng: Rng, p: BracketParams): Example {
  const tokens: number[] = [];
  const checks: Example['checks'] = [];
  const stack: { kind: number; at: number }[] = [];
  let opened = 0;
  while (opened < p.pairs || stack.length > 0) {
    const canOpen = opened < p.pairs && stack.length < p.maxDepth;
    if (canOpen && (stack.length === 0 || rng.next() < 0.5)) {
      const kind = rng.int(p.kinds);
      stack.push({ kind, at: tokens.length });
      tokens.push(1 + kind);
      opened++;
    } else {
      const top = stack.pop() as { kind: number; at: number };
      if (tokens.length - top.at >= p.minDistance) checks.push({ offset: tokens.length, set: 0 });
      tokens.push(closeId(top.kind));
    }
  }
  tokens.push(0);
  return { tokens, checks };
}

export const BRACKET_DEFAULTS: BracketParams = { kinds: 4, pairs: 24, maxDepth: 10, minDistance: 10 };

/**
 * Generates the bracket task from a seed. Splits of about 160,000 / 16,000 / 16,000
 * tokens (buildSplits); deterministic in (seed, params); pure.
 */
export function generateBrackets(seed: number, params: Partial<BracketParams> = {}, heldOut?: HeldOut): TaskData {
  const p = { ...BRACKET_DEFAULTS, ...params };
  const ok = p.kinds >= 2 && p.kinds <= 4 && p.pairs >= 8 && p.pairs <= 64 && p.maxDepth >= 2 && p.maxDepth <= 16 && p.minDistance >= 1 && p.minDistance <= 64;
  if (!ok) throw new Error('brackets: kinds 2-4, pairs 8-64, maxDepth 2-16, minDistance 1-64');
  return {
    vocab: VOCAB,
    separator: '',
    ...buildSplits(seed, (rng) => sequence(rng, p), heldOut?.testSeed),
    accuracy: {
      description: `right kind of closing bracket, for brackets opened at least ${p.minDistance} tokens earlier`,
      candidateSets: [Array.from({ length: p.kinds }, (_, k) => closeId(k))],
    },
    // Which bracket opens is random: bits no cell can learn, which hid the gap between the cells in a
    // loss over every token. The kind of a closing bracket is what the past determines.
    loss: { description: 'bits per closing bracket', targets: Array.from({ length: p.kinds }, (_, k) => closeId(k)) },
  };
}
