import type { Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { CELL_LABELS } from './board-format';

interface ChipProps {
  cell: Cell;
  projector?: boolean;
}

/** A cell's name on its chart colour; dark text because every Okabe–Ito hue used here is light. */
export function CellChip({ cell, projector = false }: ChipProps) {
  return (
    <span
      className={`inline-block rounded font-semibold text-slate-950 ${projector ? 'px-2 py-0.5 text-base' : 'px-1.5 text-xs'}`}
      style={{ backgroundColor: CELL_COLORS[cell] }}
    >
      {CELL_LABELS[cell]}
    </span>
  );
}
