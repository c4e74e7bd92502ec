import { describe, expect, it } from 'vitest';
import { generateTaskData, TaskChoiceError } from '@/lib/domain/task-data';

const corpus = 'the quick brown fox jumps over the lazy dog. '.repeat(60);

describe('generateTaskData', () => {
  it('is deterministic in the seed', () => {
    const a = generateTaskData({ id: 'adding', params: {}, seed: 3 });
    const b = generateTaskData({ id: 'adding', params: {}, seed: 3 });
    expect(Array.from(a.validation.tokens.slice(0, 50))).toEqual(Array.from(b.validation.tokens.slice(0, 50)));
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
