import { describe, expect, it } from 'vitest';
import { generateTaskData, TaskChoiceError } from '@/lib/domain/task-data';

const corpus = 'the quick brown fox jumps over the lazy dog. '.repeat(60);

describe('generateTaskData', () => {
  it('is deterministic in the seed', () => {
    const a = generateTaskData({ id: 'adding', params: {}, seed: 3 });
    const b = generateTaskData({ id: 'adding', params: {}, seed: 3 });
    expect(Array.from(a.validation.tokens.slice(0, 50))).toEqual(Array.from(b.validation.tokens.slice(0, 50)));
  });

  it('draws the test split from the secret seed alone, of examples that never occur in training', () => {
    const students = generateTaskData({ id: 'adding', params: {}, seed: 3 });
    const server = generateTaskData({ id: 'adding', params: {}, seed: 3 }, undefined, { testSeed: 991 });
    expect(Array.from(server.train.tokens)).toEqual(Array.from(students.train.tokens));
    expect(Array.from(server.validation.tokens)).toEqual(Array.from(students.validation.tokens));
    expect(Array.from(server.test.tokens.slice(0, 400))).not.toEqual(Array.from(students.test.tokens.slice(0, 400)));
    const examples = (tokens: Int32Array) =>
      new Set(
        Array.from(tokens, (t) => server.vocab[t])
          .join(' ')
          .split('|'),
      );
    const training = examples(server.train.tokens);
    expect([...examples(server.test.tokens)].filter((e) => e.trim() !== '' && training.has(e))).toEqual([]);
  });

  it('refuses unknown tasks and parameters, and parameters of the wrong type', () => {
    expect(() => generateTaskData({ id: 'chess', params: {}, seed: 1 })).toThrow(TaskChoiceError);
    expect(() => generateTaskData({ id: 'adding', params: { bogus: 1 }, seed: 1 })).toThrow('has no parameter "bogus"');
    expect(() => generateTaskData({ id: 'adding', params: { delay: 'long' }, seed: 1 })).toThrow('must be a number');
  });

  it('trains the text task on the text its id names', () => {
    const data = generateTaskData({ id: 'text', params: { textId: 'abc', maxVocab: 32 }, seed: 1 }, (id) =>
      id === 'abc' ? corpus : undefined,
    );
    expect(data.vocab.join('')).toBe([...new Set(corpus)].sort().join(''));
    expect(() => generateTaskData({ id: 'text', params: {}, seed: 1 })).toThrow('Upload a text');
    expect(() => generateTaskData({ id: 'text', params: { textId: 'gone' }, seed: 1 })).toThrow('not available');
  });
});
