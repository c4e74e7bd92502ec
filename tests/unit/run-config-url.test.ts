import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { runConfigFromSearch, runConfigSearch } from '@/lib/domain/run-config-url';
import { ENGINE_LIMITS, runConfigSchema, type Challenge, type RunConfig } from '@/lib/protocol/challenge';

const config: RunConfig = {
  cell: 'gru',
  hiddenSize: 48,
  layers: 2,
  embeddingSize: 12,
  learningRate: 0.0031,
  optimizer: 'rmsprop',
  batchSize: 16,
  seqLength: 40,
  clipNorm: 0.5,
  init: 'glorot',
  gateBias: 1.5,
  seed: 123456789,
};

/** The challenge allows everything the engine does. */
const wide: Challenge = { ...DEFAULT_CHALLENGE, bounds: ENGINE_LIMITS };

const parse = (search: string, challenge: Challenge = wide) =>
  runConfigFromSearch(new URLSearchParams(search), challenge);

describe('runConfigSearch', () => {
  it('names every field with a short parameter, starting with ?', () => {
    const search = runConfigSearch(config);
    expect(search).toBe(
      '?cell=gru&hidden=48&layers=2&embed=12&lr=0.0031&batch=16&seq=40&clip=0.5&bias=1.5&opt=rmsprop&init=glorot&seed=123456789',
    );
  });

  it('round-trips every configuration the challenge allows, exactly', () => {
    const inBounds = (name: keyof Challenge['bounds'], integer: boolean) => {
      const { min, max } = wide.bounds[name];
      // `+ 0` turns -0 into 0: both are written "0".
      return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }).map((x) => x + 0);
    };
    const arbitrary = fc.record({
      cell: fc.constantFrom(...wide.allowedCells),
      hiddenSize: inBounds('hiddenSize', true),
      layers: inBounds('layers', true),
      embeddingSize: inBounds('embeddingSize', true),
      learningRate: inBounds('learningRate', false),
      optimizer: fc.constantFrom(...wide.allowedOptimizers),
      batchSize: inBounds('batchSize', true),
      seqLength: inBounds('seqLength', true),
      clipNorm: inBounds('clipNorm', false),
      init: fc.constantFrom(...wide.allowedInits),
      gateBias: inBounds('gateBias', false),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(arbitrary, (c) => {
        const back = runConfigFromSearch(new URLSearchParams(runConfigSearch(c)), wide);
        expect(back).toEqual(c);
        expect(runConfigSchema.safeParse(back).success).toBe(true);
      }),
    );
  });
});

describe('runConfigFromSearch', () => {
  it('clamps numbers to the challenge and rounds whole-number settings', () => {
    const challenge: Challenge = {
      ...wide,
      bounds: { ...wide.bounds, hiddenSize: { min: 8, max: 64 }, learningRate: { min: 0.001, max: 0.01 } },
    };
    expect(parse('?hidden=1000&lr=0.5&batch=16.6&seq=1', challenge)).toEqual({
      hiddenSize: 64,
      learningRate: 0.01,
      batchSize: 17,
      seqLength: 4,
    });
    expect(parse('?hidden=2&lr=0.00001', challenge)).toEqual({ hiddenSize: 8, learningRate: 0.001 });
  });

  it('drops a cell, optimiser or initialisation the challenge does not allow', () => {
    const challenge: Challenge = {
      ...wide,
      allowedCells: ['rnn'],
      allowedOptimizers: ['sgd'],
      allowedInits: ['pytorch'],
    };
    expect(parse('?cell=lstm&opt=adam&init=glorot', challenge)).toEqual({});
    expect(parse('?cell=rnn&opt=sgd&init=pytorch', challenge)).toEqual({
      cell: 'rnn',
      optimizer: 'sgd',
      init: 'pytorch',
    });
  });

  it('ignores garbage, empty values, unknown parameters and out-of-range seeds without throwing', () => {
    expect(
      parse('?cell=transformer&hidden=lots&lr=&batch=Infinity&seq=NaN&clip=%20&bias=1e999&seed=-3&x=1&opt=ADAM'),
    ).toEqual({});
    expect(parse('?seed=2.5')).toEqual({});
    expect(parse('?seed=2147483648')).toEqual({});
    expect(parse('')).toEqual({});
    fc.assert(
      fc.property(fc.string(), (junk) => {
        expect(() => parse(junk)).not.toThrow();
        const parsed = parse(junk);
        expect(runConfigSchema.partial().safeParse(parsed).success).toBe(true);
      }),
    );
  });
});
