import { describe, expect, it } from 'vitest';
import { draftViolations } from '@/app/_components/training/run-config-form';
import { challengeProblems, runConfigViolations } from '@/lib/domain/challenge';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';

const vocab = 40;
const defaults = DEFAULT_CHALLENGE.defaults;

describe('runConfigViolations', () => {
  it('accepts the default challenge’s own defaults', () => {
    expect(runConfigViolations(DEFAULT_CHALLENGE, defaults, vocab)).toEqual([]);
    expect(challengeProblems(DEFAULT_CHALLENGE, vocab)).toEqual([]);
  });

  it('names each field outside the challenge, with its range', () => {
    const strict = { ...DEFAULT_CHALLENGE, allowedCells: ['gru' as const], allowedOptimizers: ['sgd' as const] };
    const v = runConfigViolations(
      strict,
      { ...defaults, cell: 'lstm', optimizer: 'adam', hiddenSize: 300, learningRate: 0.5 },
      vocab,
    );
    // 300 hidden units also take the LSTM past the parameter cap.
    expect(v.map((x) => x.field).sort()).toEqual(['cell', 'hiddenSize', 'learningRate', 'optimizer', 'parameters']);
    expect(v.find((x) => x.field === 'hiddenSize')?.message).toBe('Must be between 8 and 256');
  });

  it('counts parameters against the cap', () => {
    const small = { ...DEFAULT_CHALLENGE, maxParameters: 1_000 };
    expect(runConfigViolations(small, defaults, vocab)).toEqual([
      { field: 'parameters', message: expect.stringContaining('at most 1,000') },
    ]);
  });

  it('reports defaults that break the challenge as problems of the challenge', () => {
    const broken = { ...DEFAULT_CHALLENGE, allowedCells: ['rnn' as const] };
    expect(challengeProblems(broken, vocab)).toEqual([expect.stringContaining('Default cell')]);
  });
});

describe('draftViolations (the form)', () => {
  it('asks for a number where a field is empty', () => {
    expect(draftViolations(DEFAULT_CHALLENGE, { ...defaults, batchSize: Number.NaN }, vocab)).toEqual([
      { field: 'batchSize', message: 'Enter a number' },
    ]);
  });

  it('shows the challenge’s range even past the engine’s limits, and refuses fractions', () => {
    const v = draftViolations(DEFAULT_CHALLENGE, { ...defaults, hiddenSize: 999, seqLength: 12.5 }, vocab);
    expect(v).toContainEqual({ field: 'hiddenSize', message: 'Must be between 8 and 256' });
    expect(v).toContainEqual({ field: 'seqLength', message: 'seqLength must be a whole number' });
  });
});
