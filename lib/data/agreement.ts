import type { Rng } from '../model/rng';
import { buildSplits, type Example } from './splits';
import type { HeldOut, TaskData } from './types';

/** Parameters of the agreement language. */
export interface AgreementParams {
  /** Relative clauses nest 1..maxDepth deep (1-5); the main verb is 8*depth+1 tokens after its subject. */
  maxDepth: number;
  /** Subject lemmas to draw from (2-8): each has its own main verb. */
  nouns: number;
}

/** Noun (singular, plural) and the verb only that noun does (singular, plural). */
const LEXICON: [string, string, string, string][] = [
  ['dog', 'dogs', 'barks', 'bark'],
  ['cat', 'cats', 'meows', 'meow'],
  ['bird', 'birds', 'sings', 'sing'],
  ['fox', 'foxes', 'hides', 'hide'],
  ['cow', 'cows', 'moos', 'moo'],
  ['bee', 'bees', 'buzzes', 'buzz'],
  ['frog', 'frogs', 'croaks', 'croak'],
  ['owl', 'owls', 'hoots', 'hoot'],
];
/** Subjects of the relative clauses: one lemma, so they add number attractors but little noise. */
const INNER: [string, string] = ['man', 'men'];
const FILLER = ['near', 'the', 'old', 'tree'];
const VOCAB = ['.', 'the', 'that', 'near', 'old', 'tree', 'sees', 'see', ...INNER, ...LEXICON.flat()];
const id = (w: string) => VOCAB.indexOf(w);

/**
 * One sentence with centre-embedded relative clauses, e.g. depth 2:
 * "the dog that the men that the man sees near the old tree see near the old tree barks ."
 * Inner verbs ("sees" / "see") agree in number with their own subject. The main verb is the one
 * verb its subject does (dogs bark, cats meow) and agrees with it in number, across every clause in
 * between, whose subjects are often of the other number (attractors).
 */
function sentence(rng: Rng, p: AgreementParams): Example {
  const depth = 1 + rng.int(p.maxDepth);
  const lemma = rng.int(p.nouns);
  const plural = Array.from({ length: depth + 1 }, () => rng.int(2));
  const tokens = [id('the'), id(LEXICON[lemma][plural[0]])];
  for (let k = 1; k <= depth; k++) tokens.push(id('that'), id('the'), id(INNER[plural[k]]));
  for (let k = depth; k >= 1; k--) tokens.push(id(plural[k] ? 'see' : 'sees'), ...FILLER.map(id));
  const offset = tokens.length;
  tokens.push(id(LEXICON[lemma][2 + plural[0]]), id('.'));
  return { tokens, checks: [{ offset, set: 0 }] };
}

export const AGREEMENT_DEFAULTS: AgreementParams = { maxDepth: 4, nouns: 8 };

/**
 * Generates the agreement task from a seed. Splits of about 160,000 / 16,000 / 16,000
 * tokens (buildSplits); deterministic in (seed, params); pure.
 */
export function generateAgreement(seed: number, params: Partial<AgreementParams> = {}, heldOut?: HeldOut): TaskData {
  const p = { ...AGREEMENT_DEFAULTS, ...params };
  if (!(p.maxDepth >= 1 && p.maxDepth <= 5) || !(p.nouns >= 2 && p.nouns <= LEXICON.length)) {
    throw new Error('agreement: maxDepth must be 1-5 and nouns 2-8');
  }
  // Distinct sentences: nouns * sum over depth d of 2^(d+1) number patterns; 1/16 of them are test.
  if (p.nouns * (2 ** (p.maxDepth + 2) - 4) < 200) throw new Error('agreement: too few distinct sentences for disjoint splits; raise maxDepth or nouns');
  const mainVerbs = LEXICON.slice(0, p.nouns).flatMap((l) => [id(l[2]), id(l[3])]);
  return {
    vocab: VOCAB,
    separator: ' ',
    ...buildSplits(seed, (rng) => sentence(rng, p), heldOut?.testSeed),
    accuracy: { description: "main verb is the first noun's own verb, in the right number (barks / bark)", candidateSets: [mainVerbs] },
  };
}
