import { describe, expect, it } from 'vitest';
import { SCATTER_FONT_PX, scatterLayout } from '@/app/_components/board/scatter-layout';

describe('scatterLayout', () => {
  it('draws 1:1 in CSS px, so tick labels are 12 px on a laptop and 16 px on a wall at any width', () => {
    for (const width of [240, 290, 600, 900]) {
      expect(scatterLayout(width, false)).toMatchObject({ width, font: SCATTER_FONT_PX.normal });
      expect(scatterLayout(width, true)).toMatchObject({ width, font: SCATTER_FONT_PX.projector });
    }
    expect(SCATTER_FONT_PX.normal).toBeGreaterThanOrEqual(12);
    expect(SCATTER_FONT_PX.projector).toBeGreaterThan(SCATTER_FONT_PX.normal);
  });

  it('leaves room for two rows of labels below and a tick label on the left, larger type with more room', () => {
    const normal = scatterLayout(300, false);
    const wall = scatterLayout(300, true);
    expect(normal.margin.bottom).toBeGreaterThanOrEqual(2 * normal.font + 8);
    expect(wall.margin.bottom).toBeGreaterThan(normal.margin.bottom);
    expect(wall.margin.left).toBeGreaterThan(normal.margin.left);
  });

  it('keeps the height between 180 and 320 px, two thirds of the width in between', () => {
    expect(scatterLayout(150, false).height).toBe(180);
    expect(scatterLayout(360, false).height).toBe(240);
    expect(scatterLayout(1200, false).height).toBe(320);
  });
});
