import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReferenceCase, parseReferenceCase, TOLERANCE } from '../../helpers/reference-check';

const fixtures = fileURLToPath(new URL('../../fixtures/rnn-reference/', import.meta.url));
const index = JSON.parse(readFileSync(`${fixtures}index.json`, 'utf8')) as { cases: { file: string }[] };
const load = (file: string) => parseReferenceCase(JSON.parse(readFileSync(`${fixtures}${file}`, 'utf8')));

describe('cells against the PyTorch reference cases', () => {
  it('finds the reference cases', () => {
    expect(index.cases.length).toBeGreaterThanOrEqual(9);
  });

  for (const { file } of index.cases) {
    it(`matches ${file}`, () => {
      const c = load(file);
      const r = checkReferenceCase(file, c);
      for (const [group, e] of Object.entries(r.maxRelError)) expect(e, group).toBeLessThanOrEqual(TOLERANCE);
      expect(r.pass).toBe(true);
      // The per-step gradient norms span up to 31 orders of magnitude: compare relatively.
      r.gradNorms.forEach((n, t) => expect(Math.abs(n - c.gradNormByStep[t]) / c.gradNormByStep[t]).toBeLessThan(1e-3));
      if (c.gradNormRatio !== undefined) {
        expect(Math.abs((r.gradNormRatio?.ours ?? 0) / c.gradNormRatio - 1)).toBeLessThan(1e-3);
      }
    });
  }

  it('fails a case whose reference was altered', () => {
    const c = load('lstm_small.json');
    c.grads.weight_hh[3][1] += 1e-2;
    const r = checkReferenceCase('altered', c);
    expect(r.pass).toBe(false);
    expect(r.maxRelError.grads).toBeGreaterThan(TOLERANCE);
  });

  it('rejects a case with the wrong gate count', () => {
    const c = JSON.parse(readFileSync(`${fixtures}lstm_small.json`, 'utf8')) as Record<string, unknown>;
    expect(() => parseReferenceCase({ ...c, cell: 'gru' })).toThrow(/weight_hh rows/);
  });
});
