import { CELLS } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { CELL_LABELS } from './board-format';
import { CELL_CAP, CELL_DASH } from './median-marks';

interface LegendProps {
  projector?: boolean;
  /** Adds "thin: one run · bold: median, band: middle half" for the convergence chart. */
  describeLines?: boolean;
}

/** Which colour is which cell, the same on every board chart. */
export function BoardLegend({ projector = false, describeLines = false }: LegendProps) {
  return (
    <ul
      aria-label="Cell colours"
      className={`m-0 flex list-none flex-wrap items-center gap-4 p-0 text-slate-300 ${projector ? 'text-lg' : 'text-sm'}`}
    >
      {CELLS.map((cell) => (
        <li key={cell} className="flex items-center gap-2">
          {describeLines ? (
            // The medians' own pattern: solid, dashed or dotted, so the key works without colour too.
            <svg aria-hidden width={projector ? 40 : 28} height={8} className="shrink-0">
              <line
                x1={2}
                x2={projector ? 38 : 26}
                y1={4}
                y2={4}
                stroke={CELL_COLORS[cell]}
                strokeWidth={projector ? 5 : 3}
                strokeDasharray={CELL_DASH[cell]?.join(' ')}
                strokeLinecap={CELL_CAP[cell]}
              />
            </svg>
          ) : (
            <span
              aria-hidden
              className={`inline-block rounded-sm ${projector ? 'h-2 w-8' : 'h-1 w-6'}`}
              style={{ backgroundColor: CELL_COLORS[cell] }}
            />
          )}
          {CELL_LABELS[cell]}
        </li>
      ))}
      {describeLines && <li className="text-slate-400">faint: one run · bold: median, shaded: middle half of runs</li>}
    </ul>
  );
}
