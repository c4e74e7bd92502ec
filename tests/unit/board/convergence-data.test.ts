import { describe, expect, it } from 'vitest';
import {
  alignBucketed,
  convergenceData,
  createConvergenceCache,
  gridStepFor,
  nearestSeries,
  niceStep,
  prepareCurve,
} from '@/app/_components/board/convergence-data';
import type { CurvePoint } from '@/lib/protocol/board';

const curve = (pairs: [number, number][]): CurvePoint[] => pairs.map(([s, l]) => [s, l, null]);

/** The drawn points of a curve prepared from scratch. */
const smoothed = (c: CurvePoint[], weight: number, gridStep = 1) =>
  prepareCurve(undefined, c, weight, gridStep, gridStep).points;

describe('prepareCurve: smoothing', () => {
  it('leaves the losses as they are with no smoothing', () => {
    const c = curve([
      [0, 3],
      [10, 2],
    ]);
    expect(smoothed(c, 0)).toEqual(c);
  });

  it('is debiased: a constant curve stays constant from the first point', () => {
    for (const [, v] of smoothed(
      curve([
        [0, 2],
        [1, 2],
        [2, 2],
      ]),
      0.9,
    ))
      expect(v).toBeCloseTo(2, 12);
  });

  it('follows the TensorBoard recurrence and keeps steps and accuracy', () => {
    // acc1 = 0.5·4 = 2, /(1−0.5) = 4; acc2 = 0.5·2 + 0.5·2 = 2, /(1−0.25) = 8/3.
    expect(
      smoothed(
        [
          [0, 4, 0.1],
          [5, 2, 0.2],
        ],
        0.5,
      ),
    ).toEqual([
      [0, 4, 0.1],
      [5, 8 / 3, 0.2],
    ]);
  });
});

describe('prepareCurve: bucketing', () => {
  it('keeps the last point of each column, placed at the column end', () => {
    expect(
      smoothed(
        curve([
          [0, 9],
          [3, 5],
          [7, 4],
          [10, 3],
          [11, 2],
        ]),
        0,
        10,
      ),
    ).toEqual(
      curve([
        [0, 9],
        [10, 3],
        [20, 2],
      ]),
    );
  });

  it('buckets the band on its own, coarser grid', () => {
    const prepared = prepareCurve(
      undefined,
      curve([
        [5, 3],
        [15, 2],
        [25, 1],
      ]),
      0,
      10,
      20,
    );
    expect(prepared.points).toEqual(
      curve([
        [10, 3],
        [20, 2],
        [30, 1],
      ]),
    );
    expect(prepared.band).toEqual(
      curve([
        [20, 2],
        [40, 1],
      ]),
    );
  });
});

describe('prepareCurve: live updates', () => {
  const raw = curve(Array.from({ length: 50 }, (_, i) => [i * 3, 4 / (1 + i)] as [number, number]));

  it('extends in place when points are appended, with the same result as starting afresh', () => {
    const early = raw.slice(0, 20);
    const first = prepareCurve(undefined, early, 0.6, 10, 50);
    const grown = [...early, ...raw.slice(20)];
    const extended = prepareCurve(first, grown, 0.6, 10, 50);
    expect(extended).toBe(first);
    const fresh = prepareCurve(undefined, grown, 0.6, 10, 50);
    expect(extended.points).toEqual(fresh.points);
    expect(extended.band).toEqual(fresh.band);
  });

  it('starts afresh when the curve is not an extension or the settings changed', () => {
    const first = prepareCurve(undefined, raw.slice(0, 20), 0.6, 10, 50);
    const rebuilt = curve([
      [0, 1],
      [100, 0.5],
    ]);
    expect(prepareCurve(first, rebuilt, 0.6, 10, 50).points).toEqual(
      prepareCurve(undefined, rebuilt, 0.6, 10, 50).points,
    );
    expect(prepareCurve(first, raw.slice(0, 20), 0.3, 10, 50)).not.toBe(first);
    expect(prepareCurve(first, raw.slice(0, 20), 0.3, 10, 50).points).toEqual(
      prepareCurve(undefined, raw.slice(0, 20), 0.3, 10, 50).points,
    );
  });
});

describe('niceStep and gridStepFor', () => {
  it('rounds up to 1, 2 or 5 × 10^k and never below 1', () => {
    expect([0, 0.3, 1, 1.2, 2, 3, 7, 12, 480].map(niceStep)).toEqual([1, 1, 1, 2, 2, 5, 10, 20, 500]);
  });

  it('fits the largest step into the columns', () => {
    expect(gridStepFor(10_000, 800)).toBe(20);
    expect(gridStepFor(100, 800)).toBe(1);
    expect(10_000 / gridStepFor(10_000, 800)).toBeLessThanOrEqual(800);
  });
});

describe('alignBucketed', () => {
  it('aligns curves onto the union of their steps, null where a run has none', () => {
    const { x, ys } = alignBucketed(
      [
        curve([
          [0, 3],
          [20, 2],
        ]),
        curve([
          [10, 5],
          [20, 4],
          [30, 1],
        ]),
      ],
      10,
      false,
    );
    expect(x).toEqual([0, 10, 20, 30]);
    expect(ys).toEqual([
      [3, null, 2, null],
      [null, 5, 4, 1],
    ]);
  });

  it('drops non-positive losses on a log scale', () => {
    expect(
      alignBucketed(
        [
          curve([
            [0, 0],
            [1, 2],
          ]),
        ],
        1,
        true,
      ).ys,
    ).toEqual([[null, 2]]);
  });

  it('handles no curves at all', () => {
    expect(alignBucketed([], 1, false)).toEqual({ x: [], ys: [] });
  });
});

describe('convergenceData', () => {
  const slots = [
    { runId: 'a', cell: 'lstm' as const },
    { runId: 'b', cell: 'lstm' as const },
    { runId: 'c', cell: 'rnn' as const },
  ];
  const curves = {
    a: curve([
      [0, 4],
      [10, 2],
    ]),
    b: curve([
      [0, 6],
      [10, 4],
    ]),
    c: curve([[0, 8]]),
  };

  it('aligns runs on one x axis and summarises each cell with curveBand', () => {
    const data = convergenceData({ slots, curves, smoothing: 0, columns: 800, logY: false }, createConvergenceCache());
    expect(data.x).toEqual([0, 10]);
    expect(data.runs).toEqual([
      [4, 2],
      [6, 4],
      [8, null],
    ]);
    expect(data.bands.map((b) => b.cell)).toEqual(['rnn', 'lstm', 'gru']);
    const [rnn, lstm, gru] = data.bands;
    expect(lstm).toMatchObject({ median: [5, 3], q1: [4.5, 2.5], q3: [5.5, 3.5] });
    // A cell's band spans only its own runs' steps.
    expect(rnn.median).toEqual([8, null]);
    expect(gru.median).toEqual([null, null]);
  });

  it("keeps each run's prepared curve across updates and forgets runs that left", () => {
    const cache = createConvergenceCache();
    convergenceData({ slots, curves, smoothing: 0.5, columns: 800, logY: false }, cache);
    const first = cache.get('a');
    convergenceData({ slots: slots.slice(0, 2), curves, smoothing: 0.5, columns: 800, logY: false }, cache);
    expect(cache.get('a')).toBe(first);
    expect([...cache.keys()]).toEqual(['a', 'b']);
  });

  it('places band points on the plot grid even when no run has a point at the band step', () => {
    // Plot grid 2 steps, band grid 10: the band's points at steps 10 and 20 land on x = 2 and x = 12.
    const sparse = {
      a: curve([
        [2, 4],
        [12, 3],
        [2000, 1],
      ]),
      b: curve([
        [2, 6],
        [12, 5],
        [2000, 2],
      ]),
    };
    const data = convergenceData(
      { slots: slots.slice(0, 2), curves: sparse, smoothing: 0, columns: 2000, logY: false },
      createConvergenceCache(),
    );
    expect(data.x).toEqual([2, 12, 2000]);
    expect(data.bands[1].median).toEqual([5, 4, 1.5]);
  });

  it('keeps 200 runs of 1,000 points to at most one point per two pixel columns', () => {
    const many = Array.from({ length: 200 }, (_, r) => ({
      runId: `r${r}`,
      cell: (['rnn', 'lstm', 'gru'] as const)[r % 3],
    }));
    const big = Object.fromEntries(
      many.map((s, r) => [
        s.runId,
        curve(Array.from({ length: 1000 }, (_, i) => [i * 10 + (r % 7), 3 / (1 + i / 100)])),
      ]),
    );
    const data = convergenceData(
      { slots: many, curves: big, smoothing: 0.6, columns: 900, logY: false },
      createConvergenceCache(),
    );
    expect(data.x.length).toBeLessThanOrEqual(450);
    expect(data.runs[0].filter((v) => v !== null).length).toBeGreaterThan(150);
  });
});

describe('nearestSeries', () => {
  const ys = [
    [1, 2, null],
    [5, 6, 7],
  ];
  const toPx = (v: number) => 100 - v * 10;

  it('picks the series closest in pixels at the cursor column', () => {
    expect(nearestSeries(ys, 1, toPx, 79, 10)).toBe(0);
    expect(nearestSeries(ys, 1, toPx, 41, 10)).toBe(1);
  });

  it('looks back over gaps and ignores series beyond the radius', () => {
    expect(nearestSeries(ys, 2, toPx, 80, 5)).toBe(0);
    expect(nearestSeries(ys, 1, toPx, 0, 5)).toBe(-1);
  });
});
