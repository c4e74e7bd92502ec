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
 * A run's dot on a scatter plot, its shape set by the cell (RNN circle, LSTM square, GRU triangle), so the
 * cells stay apart without their colours: in grayscale, on a washed-out projector, under colour blindness.
 * The three shapes have about the same area (π r²), so none looks more important.
 */
export function CellMarker({ cell, cx, cy, r, ...paint }: MarkerProps) {
  if (cell === 'lstm') return <rect x={cx - r * 0.9} y={cy - r * 0.9} width={r * 1.8} height={r * 1.8} {...paint} />;
  if (cell === 'gru') {
    const side = r * 2.7;
    const h = (side * Math.sqrt(3)) / 2;
    const points = [
      [cx, cy - (2 * h) / 3],
      [cx + side / 2, cy + h / 3],
      [cx - side / 2, cy + h / 3],
    ];
    return <polygon points={points.map((p) => p.join(',')).join(' ')} {...paint} />;
  }
  return <circle cx={cx} cy={cy} r={r} {...paint} />;
}
