import type { TaskData, TokenSplit } from './types';

/** Parameters of the instructor's text task. */
export interface TextParams {
  /** The file's bytes (UTF-8) or an already decoded string. */
  text: Uint8Array | string;
  /** Characters kept as their own token, most frequent first (16-256); the rest fold into RARE. */
  maxVocab: number;
}

/** Upload size limit, in bytes of UTF-8. */
export const MAX_TEXT_BYTES = 2_000_000;
/** Fewer characters than this cannot fill validation and test windows. */
export const MIN_TEXT_CHARS = 2_000;
/** The token every folded rare character becomes. */
export const RARE = '\uFFFD';

/** Thrown for input the text task cannot use; `message` is meant for the instructor. */
export class TextTaskError extends Error {}

function decode(text: Uint8Array | string): string {
  if (typeof text === 'string') return text;
  if (text.length > MAX_TEXT_BYTES) throw new TextTaskError(`The file is ${text.length} bytes; the limit is ${MAX_TEXT_BYTES}.`);
  if (text.includes(0)) throw new TextTaskError('The file looks binary (it contains NUL bytes), not UTF-8 text.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new TextTaskError('The file is not valid UTF-8 text.');
  }
}

const codeOf = (c: string) => c.codePointAt(0) ?? 0;

/** A contiguous slice of the token stream; no check positions, so accuracy is next-character accuracy. */
function split(ids: Int32Array, from: number, to: number): TokenSplit {
  return { tokens: ids.slice(from, to), checkPositions: new Int32Array(0), checkSets: new Int32Array(0) };
}

export const TEXT_DEFAULTS: Omit<TextParams, 'text'> = { maxVocab: 96 };

/**
 * Character-level task over the instructor's text: the `maxVocab` - 1 most frequent characters
 * (ties by code point) plus RARE; splits are contiguous: 90% train, then 5% validation, 5% test.
 * The seed does not change a text task. Throws TextTaskError for empty, binary, oversized or too
 * short input.
 */
export function generateText(_seed: number, params: Partial<TextParams> = {}): TaskData {
  if (params.text === undefined) throw new TextTaskError('No text was given.');
  const p = { ...TEXT_DEFAULTS, ...params, text: params.text };
  if (!(p.maxVocab >= 16 && p.maxVocab <= 256)) throw new TextTaskError('maxVocab must be 16-256.');
  const text = decode(p.text).replace(/\r\n?/g, '\n');
  const chars = Array.from(text);
  if (chars.length === 0 || text.trim() === '') throw new TextTaskError('The text is empty.');
  if (new TextEncoder().encode(text).length > MAX_TEXT_BYTES) throw new TextTaskError(`The text is over ${MAX_TEXT_BYTES} bytes.`);
  // Control characters other than tab, newline, form feed and carriage return mark binary data.
  const control = chars.filter((c) => {
    const code = codeOf(c);
    return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
  }).length;
  if (control > chars.length / 100) throw new TextTaskError('The file looks binary (many control characters), not text.');
  if (chars.length < MIN_TEXT_CHARS) throw new TextTaskError(`The text has ${chars.length} characters; at least ${MIN_TEXT_CHARS} are needed.`);
  const counts = new Map<string, number>();
  for (const c of chars) if (c !== RARE) counts.set(c, (counts.get(c) ?? 0) + 1);
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || codeOf(a[0]) - codeOf(b[0]))
    .slice(0, counts.size > p.maxVocab ? p.maxVocab - 1 : p.maxVocab)
    .map(([c]) => c)
    .sort((a, b) => codeOf(a) - codeOf(b));
  const vocab = counts.size > kept.length || text.includes(RARE) ? [...kept, RARE] : kept;
  const index = new Map(vocab.map((c, i) => [c, i]));
  const rare = vocab.length - 1;
  const ids = Int32Array.from(chars, (c) => index.get(c) ?? rare);
  const a = Math.floor(ids.length * 0.9);
  const b = Math.floor(ids.length * 0.95);
  return {
    vocab,
    separator: '',
    train: split(ids, 0, a),
    validation: split(ids, a, b),
    test: split(ids, b, ids.length),
    accuracy: { description: 'next character predicted exactly (top-1)', candidateSets: [] },
  };
}
