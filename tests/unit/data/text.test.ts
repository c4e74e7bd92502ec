import { describe, expect, it } from 'vitest';
import {
  generateText,
  MAX_TEXT_BYTES,
  MIN_SHARED_CHARS,
  MIN_TEXT_CHARS,
  RARE,
  shareText,
  TextTaskError,
} from '../../../lib/data/text';

const sample = 'the quick brown fox jumps over the lazy dog. '.repeat(80) + 'Zäöü€ 🙂';

describe('text task', () => {
  it('tokenises UTF-8 bytes by character and folds rare characters into one token', () => {
    const d = generateText(0, { text: new TextEncoder().encode(sample), maxVocab: 20 });
    expect(d.vocab).toHaveLength(20);
    expect(d.vocab.at(-1)).toBe(RARE);
    const decoded = [d.train, d.validation, d.test].flatMap((s) => Array.from(s.tokens, (t) => d.vocab[t])).join('');
    expect(decoded.length).toBe(Array.from(sample).length);
    expect(decoded.endsWith(`${RARE.repeat(5)} ${RARE}`)).toBe(true);
    expect(decoded.slice(0, 10)).toBe(`the ${RARE}uick `);
  });

  it('splits the students’ share 18 : 1 into train and validation, and ignores the seed', () => {
    const d = generateText(1, { text: sample });
    const n = Array.from(sample).length;
    expect(d.train.tokens.length).toBe(Math.floor((n * 18) / 19));
    expect(d.train.tokens.length + d.validation.tokens.length).toBe(n);
    expect(d.test.tokens).toHaveLength(0);
    expect(generateText(2, { text: sample }).vocab).toEqual(d.vocab);
  });

  it('keeps the last 5% of an upload for the server, and tests on it with the students’ vocabulary', () => {
    const file = 'abc '.repeat(600) + 'xyz!'.repeat(30);
    const { text, shared, heldOut } = shareText(new TextEncoder().encode(file.replace(/ /g, '\r\n')));
    expect(text).toBe(file.replace(/ /g, '\n'));
    expect(shared + heldOut).toBe(text);
    expect(Array.from(shared)).toHaveLength(Math.floor(Array.from(text).length * 0.95));
    expect(shared).not.toContain('x');
    const students = generateText(1, { text: shared });
    const server = generateText(1, { text: shared }, { testSeed: 0, text: heldOut });
    expect(server.vocab).toEqual(students.vocab);
    expect(Array.from(server.train.tokens)).toEqual(Array.from(students.train.tokens));
    // 'x', 'y', 'z' and '!' are not in the students' vocabulary, which has no RARE: they are dropped.
    expect(heldOut).toMatch(/xyz!$/);
    expect(Array.from(server.test.tokens, (t) => server.vocab[t]).join('')).toBe(heldOut.replace(/[xyz!]/g, ''));
    expect(() => shareText('a'.repeat(MIN_TEXT_CHARS - 1))).toThrow(new RegExp(`at least ${MIN_TEXT_CHARS}`));
  });

  it('gives a clear error for empty, binary, invalid, oversized or short input', () => {
    const err = (text: Uint8Array | string) => {
      try {
        generateText(0, { text });
      } catch (e) {
        expect(e).toBeInstanceOf(TextTaskError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('')).toMatch(/empty/);
    expect(err('   \n\n  ')).toMatch(/empty/);
    expect(err(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatch(/binary/);
    expect(err(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toMatch(/UTF-8/);
    expect(err('\u0001\u0002abc'.repeat(1000))).toMatch(/binary/);
    expect(err(new Uint8Array(MAX_TEXT_BYTES + 1).fill(97))).toMatch(/limit/);
    expect(err('short text')).toMatch(new RegExp(`at least ${MIN_SHARED_CHARS}`));
    expect(() => generateText(0, {})).toThrow(TextTaskError);
  });
});
