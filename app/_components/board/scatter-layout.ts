/** Type size of ticks and axis labels in CSS px: readable on a laptop, larger on a wall. */
export const SCATTER_FONT_PX = { normal: 12, projector: 16 };

/** Where a scatter panel draws, in CSS px: its size, its type size and the margins its labels need. */
export interface ScatterLayout {
  width: number;
  height: number;
  font: number;
  margin: { left: number; right: number; top: number; bottom: number };
}

/**
 * The layout of a panel `widthPx` wide: drawn 1:1 in CSS px (the SVG's viewBox is its size on screen), so
 * tick labels are SCATTER_FONT_PX whatever the panel's width, with margins that fit labels of that size
 * and a height of two thirds of the width, 180–320 px. Pure.
 */
export function scatterLayout(widthPx: number, projector: boolean): ScatterLayout {
  const font = projector ? SCATTER_FONT_PX.projector : SCATTER_FONT_PX.normal;
  const width = Math.max(Math.round(widthPx), 120);
  return {
    width,
    height: Math.min(320, Math.max(180, Math.round((width * 2) / 3))),
    font,
    // Left: a tick label such as "1.25" (about 2.6 em) and a gap; bottom: a tick row and the axis title.
    margin: { left: Math.round(font * 3.2) + 6, right: 12, top: Math.round(font * 0.75), bottom: font * 2 + 14 },
  };
}
