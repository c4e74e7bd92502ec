import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  INVALID_COLOR,
  scaleGradient,
  sequentialColor,
  textColorOn,
} from '@/app/_components/charts/color-scale';
import {
  isSignedGate,
  isWordLevel,
  unitColumn,
  unitCount,
  unitScale,
  visibleToken,
} from '@/app/_components/charts/gate-scale';
import { CELL_COLORS, OKABE_ITO } from '@/app/_components/charts/palette';

describe('palette', () => {
  it('gives each cell its own Okabe–Ito colour', () => {
    const colors = Object.values(CELL_COLORS);
    expect(new Set(colors).size).toBe(3);
    for (const c of colors) expect(Object.values(OKABE_ITO)).toContain(c);
  });
});

describe('sequentialColor', () => {
  it('runs from viridis purple at 0 to yellow at 1 and clamps outside', () => {
    expect(sequentialColor(0)).toBe('rgb(68, 1, 84)');
    expect(sequentialColor(1)).toBe('rgb(253, 231, 37)');
    expect(sequentialColor(-3)).toBe(sequentialColor(0));
    expect(sequentialColor(7)).toBe(sequentialColor(1));
    expect(sequentialColor(0.5)).toBe('rgb(33, 145, 140)');
  });

  it('maps a custom domain and flags invalid values', () => {
    expect(sequentialColor(5, 0, 10)).toBe(sequentialColor(0.5));
    expect(sequentialColor(Number.NaN)).toBe(INVALID_COLOR);
  });
});

describe('divergingColor', () => {
  it('is the dark panel colour at zero and the Okabe–Ito ends at ±maxAbs', () => {
    expect(divergingColor(0)).toBe('rgb(30, 41, 59)');
    expect(divergingColor(-1)).toBe('rgb(0, 114, 178)');
    expect(divergingColor(1)).toBe('rgb(230, 159, 0)');
    expect(divergingColor(3, 3)).toBe(divergingColor(1));
    expect(divergingColor(-9, 3)).toBe(divergingColor(-1));
    expect(divergingColor(Number.POSITIVE_INFINITY)).toBe(INVALID_COLOR);
  });
});

describe('textColorOn', () => {
  it('picks black on light and white on dark backgrounds', () => {
    expect(textColorOn(sequentialColor(1))).toBe('#000000');
    expect(textColorOn(sequentialColor(0))).toBe('#ffffff');
    expect(textColorOn(divergingColor(0))).toBe('#ffffff');
    expect(textColorOn(divergingColor(1))).toBe('#000000');
  });
});

describe('scaleGradient', () => {
  it('lists the stops of the scale', () => {
    expect(scaleGradient('diverging')).toBe(
      'linear-gradient(to right, rgb(0, 114, 178), rgb(30, 41, 59), rgb(230, 159, 0))',
    );
  });
});

describe('gate scales', () => {
  it('knows which gates are signed', () => {
    expect(isSignedGate('c', [[0.5]])).toBe(true);
    expect(isSignedGate('f', [[0.5]])).toBe(false);
    expect(isSignedGate('custom', [[0.5, -0.1]])).toBe(true);
  });

  it('uses [0, 1] for sigmoid gates and a symmetric range for signed ones', () => {
    expect(unitScale(false, [0.2, 0.9])).toEqual({ kind: 'sequential', min: 0, max: 1 });
    expect(unitScale(true, [0.2, -0.4])).toEqual({ kind: 'diverging', min: -1, max: 1 });
    expect(unitScale(true, [2.2, -0.4, Number.NaN])).toEqual({ kind: 'diverging', min: -2.5, max: 2.5 });
  });

  it('reads a unit column and the unit count of ragged matrices', () => {
    const m = [[1, 2], [3]];
    expect(unitColumn(m, 1)).toEqual([2, Number.NaN]);
    expect(unitCount(m)).toBe(2);
    expect(unitCount([])).toBe(0);
  });
});

describe('visibleToken', () => {
  it('shows spaces, tabs and newlines', () => {
    expect(visibleToken(' ')).toEqual({ text: '·', lineBreak: false });
    expect(visibleToken('\n')).toEqual({ text: '↵', lineBreak: true });
    expect(visibleToken('\t')).toEqual({ text: '⇥', lineBreak: false });
    expect(visibleToken('the ')).toEqual({ text: 'the·', lineBreak: false });
    expect(visibleToken('')).toEqual({ text: '∅', lineBreak: false });
  });
});

describe('isWordLevel', () => {
  it('calls a snippet word-level when any token is longer than one character', () => {
    expect(isWordLevel(['the', 'bird', 'that', 'the'])).toBe(true);
    expect(isWordLevel(['a', 'b', 'the'])).toBe(true);
  });

  it('keeps character-level text, emoji and newlines included, as characters', () => {
    expect(isWordLevel(['t', 'h', 'e', ' ', '\n', '😀'])).toBe(false);
    expect(isWordLevel([])).toBe(false);
  });
});
