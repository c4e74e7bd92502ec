import type { BoardRun } from '@/lib/protocol/board';
import { CELL_LABELS, displayName, formatBits, settingsSummary } from './board-format';

interface Props {
  run: BoardRun;
  /** Cursor position in viewport pixels; the tooltip sits just above it. */
  clientX: number;
  clientY: number;
  projector?: boolean;
}

/** The hovered run's name, cell, settings and best score; fixed-positioned so no chart layout moves. */
export function RunTooltip({ run, clientX, clientY, projector = false }: Props) {
  return (
    <div
      role="tooltip"
      className={`pointer-events-none fixed z-20 -translate-x-1/2 -translate-y-full rounded-md bg-slate-800 px-2 py-1 whitespace-nowrap text-slate-100 shadow-lg ring-1 ring-slate-600 ${projector ? 'text-lg' : 'text-sm'}`}
      style={{ left: clientX, top: clientY - 12 }}
    >
      <strong>{displayName(run)}</strong> · {CELL_LABELS[run.cell]} · {settingsSummary(run.config)} · best{' '}
      {formatBits(run.best?.valLoss)}
    </div>
  );
}
