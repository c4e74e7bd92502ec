import { describe, expect, it } from 'vitest';
import { splitOf } from '../../../lib/data/splits';
import { TASKS } from '../../../lib/data/tasks';
import type { TaskData, TokenSplit } from '../../../lib/data/types';

const GENERATED = ['agreement', 'brackets', 'adding'] as const;

/** Cuts a split back into its examples: every generated example ends with the vocab's end token. */
function examples(split: TokenSplit, end: number): string[] {
  const out: string[] = [];
  let start = 0;
  split.tokens.forEach((t, i) => {
    if (t === end) {
      out.push(Array.from(split.tokens.slice(start, i + 1)).join(','));
      start = i + 1;
    }
  });
  return out;
}

const END: Record<(typeof GENERATED)[number], string> = { agreement: '.', brackets: '|', adding: '|' };

function checkedTokens(d: TaskData, split: TokenSplit): string[] {
  return Array.from(split.checkPositions, (p, k) => {
    expect(d.accuracy.candidateSets[split.checkSets[k]]).toContain(split.tokens[p]);
    return d.vocab[split.tokens[p]];
  });
}

describe.each(GENERATED)('%s task', (id) => {
  const task = TASKS[id];
  const data = task.generate(5);

  it('is a pure function of the seed', () => {
    const again = task.generate(5);
    expect(again.train.tokens).toEqual(data.train.tokens);
    expect(again.test.checkPositions).toEqual(data.test.checkPositions);
    expect(task.generate(6).train.tokens).not.toEqual(data.train.tokens);
  });

  it('has disjoint train, validation and test examples', () => {
    const end = data.vocab.indexOf(END[id]);
    const train = new Set(examples(data.train, end));
    const validation = new Set(examples(data.validation, end));
    const test = examples(data.test, end);
    expect(train.size).toBeGreaterThan(100);
    expect(validation.size).toBeGreaterThan(10);
    for (const e of validation) expect(train.has(e)).toBe(false);
    for (const e of test) expect(train.has(e) || validation.has(e)).toBe(false);
    expect(splitOf(test[0].split(',').map(Number))).toBe('test');
  });

  it('checks accuracy at tokens of its candidate sets, in every split', () => {
    for (const split of [data.train, data.validation, data.test]) {
      expect(split.checkPositions.length).toBeGreaterThan(10);
      checkedTokens(data, split);
      for (const t of split.tokens) expect(t >= 0 && t < data.vocab.length).toBe(true);
    }
  });

  it('rejects parameters out of range', () => {
    expect(() => task.generate(1, { [Object.keys(task.defaultParams)[0]]: 999 })).toThrow();
  });
});

describe('task definitions', () => {
  it('puts the main verb after the clauses and makes it agree with the subject', () => {
    const d = TASKS.agreement.generate(1, { maxDepth: 3, nouns: 8 });
    expect(() => TASKS.agreement.generate(1, { maxDepth: 2, nouns: 2 })).toThrow(/distinct/);
    const words = Array.from(d.validation.tokens.slice(0, 40), (t) => d.vocab[t]);
    const verb = d.vocab[d.validation.tokens[d.validation.checkPositions[0]]];
    const verbOf: Record<string, string> = {
      dog: 'barks', dogs: 'bark', cat: 'meows', cats: 'meow', bird: 'sings', birds: 'sing', fox: 'hides', foxes: 'hide',
      cow: 'moos', cows: 'moo', bee: 'buzzes', bees: 'buzz', frog: 'croaks', frogs: 'croak', owl: 'hoots', owls: 'hoot',
    };
    expect(verb).toBe(verbOf[words[1]]);
    expect(words.slice(2, 5)).toEqual(['that', 'the', words[4]]);
    expect(['man', 'men']).toContain(words[4]);
  });

  it('answers the adding problem with the sum of the marked digits, and recall with the digit', () => {
    const d = TASKS.adding.generate(2, { delay: 12, mode: 'add' });
    const w = Array.from(d.train.tokens.slice(0, 15), (t) => d.vocab[t]);
    const x = Number(w[w.indexOf('A') + 1]);
    const y = Number(w[w.indexOf('B') + 1]);
    expect(w[w.indexOf('=') + 1]).toBe(`s${x + y}`);
    expect(w).toHaveLength(15);
    const r = TASKS.adding.generate(2, { delay: 12, mode: 'recall', digits: 2 });
    const v = Array.from(r.train.tokens.slice(0, 16), (t) => r.vocab[t]);
    expect(v.slice(v.indexOf('=') + 1, v.indexOf('=') + 3)).toEqual(v.slice(v.indexOf('A') + 1, v.indexOf('A') + 3));
    expect(v).not.toContain('B');
    expect(v).toHaveLength(16);
    expect(r.train.checkPositions[1] - r.train.checkPositions[0]).toBe(1);
  });

  it('closes every bracket with its own kind and counts only distant ones', () => {
    const d = TASKS.brackets.generate(3, { minDistance: 12 });
    const s = Array.from(d.train.tokens, (t) => d.vocab[t]);
    const stack: number[] = [];
    const closesAt = new Map<number, number>();
    s.forEach((c, i) => {
      if ('([{<'.includes(c)) stack.push(i);
      else if (c !== '|') {
        const open = stack.pop() as number;
        expect('([{<'.indexOf(s[open])).toBe(')]}>'.indexOf(c));
        closesAt.set(i, i - open);
      }
    });
    expect(stack).toHaveLength(0);
    for (const p of d.train.checkPositions) expect(closesAt.get(p)).toBeGreaterThanOrEqual(12);
  });

  it('measures the brackets loss on closing brackets, and every other task on every token', () => {
    const d = TASKS.brackets.generate(3, { kinds: 3 });
    expect(d.loss?.targets.map((t) => d.vocab[t])).toEqual([')', ']', '}']);
    expect(TASKS.agreement.generate(3, {}).loss).toBeUndefined();
    expect(TASKS.adding.generate(3, {}).loss).toBeUndefined();
  });

  it('marks long-range tasks and gives every task a budget', () => {
    expect(TASKS.text.longRange).toBe(false);
    expect(TASKS.agreement.longRange && TASKS.brackets.longRange && TASKS.adding.longRange).toBe(true);
    for (const t of Object.values(TASKS)) expect(t.budget.steps).toBeGreaterThan(0);
  });
});
