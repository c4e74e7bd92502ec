import type { HeldOut, TaskData, TokenSplit } from './types';

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
/** Students receive this share of the text, from its start; the server keeps the rest as the test slice. */
const SHARED_SHARE = 0.95;
/** The fewest characters students' share of an accepted upload can have. */
export const MIN_SHARED_CHARS = Math.floor(MIN_TEXT_CHARS * SHARED_SHARE);
/** The token every folded rare character becomes. */
export const RARE = '\uFFFD';

/** Thrown for input the text task cannot use; `message` is meant for the instructor. */
export class TextTaskError extends Error {}

function decode(text: Uint8Array | string): string {
  if (typeof text === 'string') return text.replace(/\r\n?/g, '\n');
  if (text.length > MAX_TEXT_BYTES) throw new TextTaskError(`The file is ${text.length} bytes; the limit is ${MAX_TEXT_BYTES}.`);
  if (text.includes(0)) throw new TextTaskError('The file looks binary (it contains NUL bytes), not UTF-8 text.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text).replace(/\r\n?/g, '\n');
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
 * An uploaded file as the server keeps it (decoded, line ends as LF), split into what students receive
 * (`shared`, the first 95% of its characters) and the test slice only the server keeps (`heldOut`).
 * Throws TextTaskError for a file that is not UTF-8 text, too large or too short; pure.
 */
export function shareText(file: Uint8Array | string): { text: string; shared: string; heldOut: string } {
  const text = decode(file);
  const chars = Array.from(text);
  if (text.trim() === '') throw new TextTaskError('The text is empty.');
  if (chars.length < MIN_TEXT_CHARS)
    throw new TextTaskError(`The text has ${chars.length} characters; at least ${MIN_TEXT_CHARS} are needed.`);
  const cut = Math.floor(chars.length * SHARED_SHARE);
  return { text, shared: chars.slice(0, cut).join(''), heldOut: chars.slice(cut).join('') };
}
/**
 * Character-level task over the students' share of the instructor's text (see shareText): the
 * `maxVocab` - 1 most frequent characters (ties by code point) plus RARE; contiguous splits: the first
 * 18/19 train, the rest validation (90% and 5% of the whole file). The test split is `heldOut.text`,
 * its characters outside the vocabulary read as RARE (dropped when the vocabulary has none), or empty
 * without it. The seed does not change a text task. Throws TextTaskError for empty, binary, oversized
 * or too short input.
 */
export function generateText(_seed: number, params: Partial<TextParams> = {}, heldOut?: HeldOut): TaskData {
  if (params.text === undefined) throw new TextTaskError('No text was given.');
  const p = { ...TEXT_DEFAULTS, ...params, text: params.text };
  if (!(p.maxVocab >= 16 && p.maxVocab <= 256)) throw new TextTaskError('maxVocab must be 16-256.');
  const text = decode(p.text);
  const chars = Array.from(text);
  if (chars.length === 0 || text.trim() === '') throw new TextTaskError('The text is empty.');
  if (new TextEncoder().encode(text).length > MAX_TEXT_BYTES) throw new TextTaskError(`The text is over ${MAX_TEXT_BYTES} bytes.`);
  // Control characters other than tab, newline, form feed and carriage return mark binary data.
  const control = chars.filter((c) => {
    const code = codeOf(c);
    return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
  }).length;
  if (control > chars.length / 100) throw new TextTaskError('The file looks binary (many control characters), not text.');
  if (chars.length < MIN_SHARED_CHARS)
    throw new TextTaskError(`The text has ${chars.length} characters; at least ${MIN_SHARED_CHARS} are needed.`);
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
  const a = Math.floor((ids.length * 18) / 19);
  const hasRare = vocab.at(-1) === RARE;
  const testIds = Int32Array.from(
    Array.from(heldOut?.text ?? '').flatMap((c) => {
      const id = index.get(c) ?? (hasRare ? rare : undefined);
      return id === undefined ? [] : [id];
    }),
  );
  return {
    vocab,
    separator: '',
    train: split(ids, 0, a),
    validation: split(ids, a, ids.length),
    test: split(testIds, 0, testIds.length),
    accuracy: { description: 'next character predicted exactly (top-1)', candidateSets: [] },
  };
}
