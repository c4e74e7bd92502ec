import uPlot from 'uplot';
import { CELLS, type Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { CELL_LABELS } from './board-format';
import type { ConvergenceData } from './convergence-data';

/**
 * Each cell's median has its own line pattern (CSS px), so the cells stay apart in grayscale, on a
 * washed-out projector and under colour-vision deficiencies where two of the colours come close.
 */
export const CELL_DASH: Record<Cell, number[] | undefined> = { rnn: undefined, lstm: [14, 7], gru: [2, 7] };
/** Round caps turn the short GRU dashes into dots. */
export const CELL_CAP: Record<Cell, CanvasLineCap> = { rnn: 'butt', lstm: 'butt', gru: 'round' };

/** Room right of the plot (CSS px) for the labels at the medians' right ends. */
export const LABEL_GUTTER_PX = { normal: 48, projector: 72 };
const LABEL_FONT = {
  normal: 'bold 13px ui-sans-serif, system-ui, sans-serif',
  projector: 'bold 20px ui-sans-serif, system-ui, sans-serif',
};
const LABEL_OUTLINE = '#020617';

/**
 * The opacity of one run's line, as a two-digit hex alpha: the more runs, the fainter each, so a class
 * of 300 reads as a haze behind the medians instead of a solid mass (from 0x50 for a few runs down to 0x14).
 */
export function runAlphaHex(runs: number): string {
  const alpha = Math.min(0x50, Math.max(0x14, Math.round(0x50 * Math.sqrt(20 / Math.max(runs, 1)))));
  return alpha.toString(16).padStart(2, '0');
}

/**
 * Label centres for labels wanted at `ys` (px, any order), moved apart so no two are closer than `gap`
 * and kept inside [min, max]; returned in the order given.
 */
export function spreadLabels(ys: readonly number[], gap: number, min: number, max: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => o.y);
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k], k > 0 ? placed[k - 1] + gap : min);
  for (let k = placed.length - 1; k >= 0; k--)
    placed[k] = Math.min(placed[k], k < placed.length - 1 ? placed[k + 1] - gap : max);
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = Math.max(min, placed[k])));
  return out;
}

/** Writes each cell's name beside the right end of its median, in its colour with a dark outline. */
export function drawMedianLabels(u: uPlot, data: ConvergenceData, projector: boolean): void {
  const ends = CELLS.flatMap((cell, c) => {
    const median = data.bands[c]?.median ?? [];
    for (let i = median.length - 1; i >= 0; i--) {
      const y = median[i];
      if (y !== null) return [{ cell, x: u.valToPos(data.x[i], 'x', true), y: u.valToPos(y, 'y', true) }];
    }
    return [];
  });
  if (ends.length === 0) return;
  const { ctx, bbox } = u;
  const size = (projector ? 20 : 13) * uPlot.pxRatio;
  const ys = spreadLabels(
    ends.map((e) => e.y),
    size * 1.1,
    bbox.top + size / 2,
    bbox.top + bbox.height - size / 2,
  );
  ctx.save();
  ctx.font = (projector ? LABEL_FONT.projector : LABEL_FONT.normal).replace(
    /\d+px/,
    (px) => `${parseInt(px) * uPlot.pxRatio}px`,
  );
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4 * uPlot.pxRatio;
  ctx.strokeStyle = LABEL_OUTLINE;
  ends.forEach((e, k) => {
    const x = e.x + 6 * uPlot.pxRatio;
    ctx.strokeText(CELL_LABELS[e.cell], x, ys[k]);
    ctx.fillStyle = CELL_COLORS[e.cell];
    ctx.fillText(CELL_LABELS[e.cell], x, ys[k]);
  });
  ctx.restore();
}
