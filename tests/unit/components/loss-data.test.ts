import { describe, expect, it } from 'vitest';
import {
  alignLoss,
  logLossRange,
  downsampleLoss,
  lossRange,
  lossSeries,
  seriesKey,
  type LossRun,
} from '@/app/_components/charts/loss-data';
import { MUTED_COLOR } from '@/app/_components/charts/palette';

const runs: LossRun[] = [
  {
    id: 'now',
    label: 'LSTM',
    color: '#E69F00',
    points: [
      { step: 0, trainLoss: 4 },
      { step: 10, trainLoss: 3, valLoss: 3.5 },
      { step: 20, trainLoss: 2 },
    ],
  },
  {
    id: 'old',
    label: 'RNN',
    color: '#56B4E9',
    muted: true,
    points: [
      { step: 5, trainLoss: 4.5 },
      { step: 10, trainLoss: 4 },
    ],
  },
];

describe('lossSeries', () => {
  it('puts muted runs first, in grey, so the current run is drawn on top', () => {
    const s = lossSeries(runs, 'trainLoss');
    expect(s.map((x) => x.runId)).toEqual(['old', 'now']);
    expect(s[0]).toMatchObject({ color: MUTED_COLOR, muted: true, label: 'RNN' });
    expect(s[1]).toMatchObject({ color: '#E69F00', muted: false });
  });

  it('gives each run a train and a val line with both', () => {
    expect(lossSeries(runs, 'both').map((x) => x.label)).toEqual([
      'RNN (train)',
      'RNN (val)',
      'LSTM (train)',
      'LSTM (val)',
    ]);
  });

  it('has a key that changes with the set of series but not with the data', () => {
    const more = [...runs, { ...runs[0], id: 'x' }];
    const grown = runs.map((r) => ({ ...r, points: [...r.points, { step: 99, trainLoss: 1 }] }));
    expect(seriesKey(lossSeries(grown, 'both'))).toBe(seriesKey(lossSeries(runs, 'both')));
    expect(seriesKey(lossSeries(more, 'both'))).not.toBe(seriesKey(lossSeries(runs, 'both')));
  });
});

describe('alignLoss', () => {
  it('aligns different step grids on the union of steps with nulls', () => {
    const a = alignLoss(runs, lossSeries(runs, 'trainLoss'), false);
    expect(a.x).toEqual([0, 5, 10, 20]);
    expect(a.ys).toEqual([
      [null, 4.5, 4, null],
      [4, null, 3, 2],
    ]);
    expect(a.count).toBe(5);
  });

  it('only takes steps where a drawn metric exists', () => {
    const a = alignLoss(runs, lossSeries(runs, 'valLoss'), false);
    expect(a.x).toEqual([10]);
    expect(a.count).toBe(1);
  });

  it('drops non-finite values, and non-positive ones on a log axis', () => {
    const odd: LossRun[] = [
      {
        id: 'r',
        label: 'r',
        color: '#000',
        points: [
          { step: 1, trainLoss: Number.NaN },
          { step: 2, trainLoss: 0 },
          { step: 3, trainLoss: 1 },
        ],
      },
    ];
    expect(alignLoss(odd, lossSeries(odd, 'trainLoss'), false).ys).toEqual([[0, 1]]);
    expect(alignLoss(odd, lossSeries(odd, 'trainLoss'), true).ys).toEqual([[1]]);
  });
});

describe('downsampleLoss', () => {
  it('leaves short series alone', () => {
    expect(downsampleLoss(runs[0].points, 10)).toEqual(runs[0].points);
  });

  it('averages equal chunks at their last step, keeping sparse validation values', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ step: i, trainLoss: i, valLoss: i === 4 ? 7 : undefined }));
    expect(downsampleLoss(points, 5)).toEqual([
      { step: 1, trainLoss: 0.5, valLoss: undefined },
      { step: 3, trainLoss: 2.5, valLoss: undefined },
      { step: 5, trainLoss: 4.5, valLoss: 7 },
      { step: 7, trainLoss: 6.5, valLoss: undefined },
      { step: 9, trainLoss: 8.5, valLoss: undefined },
    ]);
  });

  it('keeps earlier chunks stable as a live run grows', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ step: i, trainLoss: Math.sin(i) }));
    const before = downsampleLoss(points.slice(0, 96), 50);
    const after = downsampleLoss(points, 50);
    expect(after.slice(0, 47)).toEqual(before.slice(0, 47));
  });
});

describe('lossRange', () => {
  it('fits the bulk of training, letting the first steps run off the top', () => {
    // 5 bits at the start, falling fast to about 0.3 for the rest of a long run.
    const ys = [Array.from({ length: 200 }, (_, i) => (i < 5 ? 5 - i : 0.3 + 0.1 * Math.exp(-i / 50)))];
    const [lo, hi] = lossRange(ys) as [number, number];
    expect(lo).toBeLessThan(0.3);
    expect(lo).toBeGreaterThan(0.25);
    expect(hi).toBeLessThan(1);
    expect(hi).toBeGreaterThan(0.38);
  });

  it("keeps every series' latest value in view, and skips gaps", () => {
    const rising = [3, 1, 0.5, 0.4, null, 0.5, 2.5];
    const [, hi] = lossRange([rising, [null, 0.6]]) as [number, number];
    expect(hi).toBeGreaterThanOrEqual(2.5);
  });

  it('widens a flat line and never goes below zero', () => {
    const [lo, hi] = lossRange([[0.001, 0.001]]) as [number, number];
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.05);
    expect(lossRange([[null], []])).toBeNull();
  });
});

describe('logLossRange', () => {
  it('fits a log axis to the curves, not to whole decades', () => {
    // Validation curves from 2.9 down to 1.05 bits: uPlot's own range was 1 to 10 (or 0.5 to 10).
    const [lo, hi] = logLossRange([
      [2.9, 1.6, 1.2, 1.05],
      [null, 2.2, 1.4],
    ]) as [number, number];
    expect(lo).toBeGreaterThan(0.9);
    expect(lo).toBeLessThan(1.05);
    expect(hi).toBeGreaterThan(2.9);
    expect(hi).toBeLessThan(3.5);
  });

  it('leaves out what a log axis cannot show, and has no range without a positive value', () => {
    expect(logLossRange([[0, -1, Number.NaN, 2]])).toEqual([2 / 1.08, 2 * 1.08]);
    expect(logLossRange([[0, null]])).toBeNull();
    expect(logLossRange([])).toBeNull();
  });
});
