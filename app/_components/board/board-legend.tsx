import { CELLS } from '@/lib/protocol/challenge';
import { CELL_COLORS } from '../charts/palette';
import { CELL_LABELS } from './board-format';
import { CellMarker } from './cell-marker';
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
            // The scatter plots' marker: its shape tells the cell without the colour.
            <svg
              aria-hidden
              width={projector ? 16 : 12}
              height={projector ? 16 : 12}
              overflow="visible"
              className="shrink-0"
            >
              <CellMarker
                cell={cell}
                cx={projector ? 8 : 6}
                cy={projector ? 8 : 6}
                r={projector ? 6 : 4.5}
                fill={CELL_COLORS[cell]}
              />
            </svg>
          )}
          {CELL_LABELS[cell]}
        </li>
      ))}
      {describeLines && <li className="text-slate-400">faint: one run · bold: median, shaded: middle half of runs</li>}
    </ul>
  );
}
