import type { Cell } from '@/lib/protocol/challenge';

interface MarkerProps {
  cell: Cell;
  /** Centre, in the enclosing SVG's user units. */
  cx: number;
  cy: number;
  /** Half the marker's width, in the same units. */
  r: number;
  fill: string;
  fillOpacity?: number;
  stroke?: string;
  strokeWidth?: number;
}

/**
 * The corners of a cell's marker centred on (cx, cy) with half-width r (LSTM square, GRU triangle), or
 * null for the RNN's circle of radius r. The three shapes have about the same area (π r²), so none looks
 * more important. Shared by the SVG markers and the canvas charts. Pure.
 */
export function markerCorners(cell: Cell, cx: number, cy: number, r: number): [number, number][] | null {
  if (cell === 'lstm') {
    const s = r * 0.9;
    return [
      [cx - s, cy - s],
      [cx + s, cy - s],
      [cx + s, cy + s],
      [cx - s, cy + s],
    ];
  }
  if (cell === 'gru') {
    const side = r * 2.7;
    const h = (side * Math.sqrt(3)) / 2;
    return [
      [cx, cy - (2 * h) / 3],
      [cx + side / 2, cy + h / 3],
      [cx - side / 2, cy + h / 3],
    ];
  }
  return null;
}

/**
 * A run's dot on a scatter plot, its shape set by the cell (RNN circle, LSTM square, GRU triangle), so the
 * cells stay apart without their colours: in grayscale, on a washed-out projector, under colour blindness.
 */
export function CellMarker({ cell, cx, cy, r, ...paint }: MarkerProps) {
  const corners = markerCorners(cell, cx, cy, r);
  if (corners === null) return <circle cx={cx} cy={cy} r={r} {...paint} />;
  return <polygon points={corners.map((p) => p.join(',')).join(' ')} {...paint} />;
}

/** Traces a cell's marker as the current canvas path (fill or stroke it after). */
export function traceMarker(ctx: CanvasRenderingContext2D, cell: Cell, cx: number, cy: number, r: number) {
  ctx.beginPath();
  const corners = markerCorners(cell, cx, cy, r);
  if (corners === null) {
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    return;
  }
  corners.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.closePath();
}
