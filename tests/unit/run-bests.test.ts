import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { runBests } from '@/lib/domain/run-bests';
import { applyPoints } from '@/lib/domain/run-points';
import type { MetricPoint, RunView } from '@/lib/protocol/run';

const emptyRun: RunView = {
  id: 'r',
  participantId: 'p',
  round: 1,
  config: { ...DEFAULT_CHALLENGE.defaults, seed: 1 },
  status: 'running',
  startedAt: 0,
  lastStep: 0,
  curvePoints: 0,
  best: null,
  bestAccuracy: null,
};

/** A deterministic pseudo-random sequence (LCG), so a failure can be replayed. */
function points(seed: number, n: number): MetricPoint[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const validated = next() < 0.6;
    return {
      seq: i,
      step: i * 10,
      elapsedMs: i * 100,
      trainLoss: 3 * next(),
      ...(validated ? { valLoss: Math.round(next() * 20) / 10 } : {}),
      ...(validated && next() < 0.8 ? { accuracy: Math.round(next() * 10) / 10 } : {}),
    };
  });
}

describe('runBests', () => {
  it('tells the accuracy at the best loss from the best accuracy', () => {
    const bests = runBests([
      { step: 10, valLoss: 2, accuracy: 0.14 },
      { step: 20, valLoss: 1.5, accuracy: 0.028 },
      { step: 30, valLoss: 1.7 },
    ]);
    expect(bests.best).toEqual({ valLoss: 1.5, accuracy: 0.028, step: 20 });
    expect(bests.bestAccuracy).toEqual({ accuracy: 0.14, step: 10 });
  });

  it('has no bests before the first validation', () => {
    expect(runBests([{ step: 5 }])).toEqual({ best: null, bestAccuracy: null });
  });

  it('agrees with what the server stores (applyPoints), ties included', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const batch = points(seed, 40);
      const { run } = applyPoints({ run: emptyRun, seqs: new Set() }, batch, 0);
      const strip = <T extends { at: number }>(v: T | null) => (v ? { ...v, at: undefined } : null);
      const bests = runBests(batch);
      expect(bests.best && { ...bests.best, at: undefined }).toEqual(strip(run.best));
      expect(bests.bestAccuracy && { ...bests.bestAccuracy, at: undefined }).toEqual(strip(run.bestAccuracy));
    }
  });
});
