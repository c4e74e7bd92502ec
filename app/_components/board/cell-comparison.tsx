'use client';

import { useEffect, useId, useState } from 'react';
import type { CellSummary } from '@/lib/domain/leaderboard';
import type { Cell } from '@/lib/protocol/challenge';
import { CELL_COLORS, CHART_THEME } from '../charts/palette';
import { CELL_LABELS, formatBits } from './board-format';
import { linearScale, paddedExtent } from './scales';

interface Props {
  /** From summariseCells(runs, curves, threshold), one per cell. */
  summaries: CellSummary[];
  /** Bits per token a run must reach to count as "there"; null before any validation. */
  threshold: number | null;
  /** The threshold is the class's median best (useCellSummaries), not one the viewer typed. */
  isMedian: boolean;
  onThresholdChange: (v: number) => void;
  /** Back to the class's median best. */
  onThresholdReset: () => void;
  /** Lecture-hall mode: larger type and boxes. */
  projector?: boolean;
  /** The viewer's own runs' best validation losses by cell, drawn as amber dots on their cell's strip. */
  own?: { cell: Cell; best: number }[];
}

/** SVG user units of one cell's box strip; it scales to the column's width. */
const W = 300;
const H = 28;
const PAD = 8;

/**
 * The input keeps its own text while typing ("0." is not yet a number) and reports only valid,
 * positive values; it follows the prop when the host changes the threshold elsewhere.
 */
function ThresholdInput({
  threshold,
  onThresholdChange,
  projector,
}: Pick<Props, 'threshold' | 'onThresholdChange'> & { projector: boolean }) {
  const id = useId();
  const shown = threshold === null ? '' : String(Number(threshold.toFixed(3)));
  const [draft, setDraft] = useState(shown);
  useEffect(() => {
    setDraft((d) => (d !== '' && Number(d) === Number(shown) ? d : shown));
  }, [shown]);
  return (
    <label htmlFor={id} className={`flex items-center gap-2 text-slate-300 ${projector ? 'text-lg' : 'text-sm'}`}>
      Threshold (bits/token)
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        step={0.05}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v > 0) onThresholdChange(v);
        }}
        className="w-24 rounded bg-slate-800 px-2 py-1 text-slate-100 tabular-nums ring-1 ring-slate-600 focus:ring-sky-400"
      />
    </label>
  );
}

/**
 * RNN vs LSTM vs GRU: per cell the number of runs, the median best validation loss with its
 * interquartile range drawn as a box on a scale shared by all cells (threshold marked), and the median
 * steps to reach the threshold over the runs that did.
 */
export function CellComparison({
  summaries,
  threshold,
  isMedian,
  onThresholdChange,
  onThresholdReset,
  projector = false,
  own = [],
}: Props) {
  const extent = paddedExtent(
    summaries
      .flatMap((s) => [s.q1Best, s.q3Best])
      .concat(threshold, ...own.map((o) => o.best))
      .filter((v): v is number => v !== null),
    0.15,
  );
  const x = linearScale(extent ?? [0, 1], [PAD, W - PAD], 4);
  const text = projector ? 'text-xl' : 'text-sm';
  const head = `px-2 py-1 font-normal uppercase tracking-wide text-slate-400 ${projector ? 'text-base' : 'text-xs'}`;

  return (
    <section
      data-testid="cell-comparison"
      aria-label="Cell comparison"
      className="flex flex-col gap-3 rounded-xl bg-slate-900 p-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className={`m-0 font-semibold text-slate-100 ${projector ? 'text-xl' : 'text-base'}`}>
          RNN vs LSTM vs GRU
        </h3>
        <ThresholdInput threshold={threshold} onThresholdChange={onThresholdChange} projector={projector} />
      </div>
      {/* On a phone the six columns scroll sideways inside the panel, not the page; named, since it is a tab stop. */}
      <div
        role="region"
        aria-label="Cells compared"
        tabIndex={0}
        className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-300"
      >
        <table className={`w-full border-collapse text-left text-slate-200 ${text}`}>
          <thead>
            <tr>
              <th scope="col" className={head}>
                Cell
              </th>
              <th scope="col" className={`${head} text-right`}>
                Runs
              </th>
              <th scope="col" className={`${head} text-right`}>
                Median best
              </th>
              <th scope="col" className={`${head} w-2/5`}>
                Best: middle half (dashed: threshold)
              </th>
              <th scope="col" className={`${head} text-right`}>
                Median steps to threshold
              </th>
              <th scope="col" className={`${head} text-right`}>
                Reached
              </th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={s.cell} data-cell={s.cell} className="border-t border-slate-800">
                <th scope="row" className="px-2 py-1 font-semibold" style={{ color: CELL_COLORS[s.cell] }}>
                  {CELL_LABELS[s.cell]}
                </th>
                <td className="px-2 py-1 text-right tabular-nums">{s.runs}</td>
                <td className="px-2 py-1 text-right font-semibold tabular-nums text-slate-50">
                  {formatBits(s.medianBest)}
                </td>
                <td className="px-2 py-1">
                  <svg
                    viewBox={`0 0 ${W} ${H}`}
                    className={`w-full ${projector ? 'h-10' : 'h-7'}`}
                    preserveAspectRatio="none"
                    role="img"
                    aria-label={
                      s.q1Best === null
                        ? 'no scored runs'
                        : `middle half from ${formatBits(s.q1Best)} to ${formatBits(s.q3Best)} bits per token`
                    }
                  >
                    {threshold !== null && (
                      <line
                        x1={x(threshold)}
                        x2={x(threshold)}
                        y1={0}
                        y2={H}
                        stroke={CHART_THEME.axis}
                        strokeDasharray="4 3"
                      />
                    )}
                    {s.q1Best !== null && s.q3Best !== null && s.medianBest !== null && (
                      <>
                        <rect
                          x={x(s.q1Best)}
                          y={5}
                          width={Math.max(x(s.q3Best) - x(s.q1Best), 2)}
                          height={H - 10}
                          rx={3}
                          fill={CELL_COLORS[s.cell]}
                          fillOpacity={0.45}
                          stroke={CELL_COLORS[s.cell]}
                        />
                        <line
                          x1={x(s.medianBest)}
                          x2={x(s.medianBest)}
                          y1={2}
                          y2={H - 2}
                          stroke={CHART_THEME.text}
                          strokeWidth={3}
                        />
                      </>
                    )}
                    {own
                      .filter((o) => o.cell === s.cell)
                      .map((o, i) => (
                        <circle
                          key={i}
                          data-testid="own-best"
                          cx={x(o.best)}
                          cy={H / 2}
                          r={4}
                          fill="#fcd34d"
                          stroke={CHART_THEME.text}
                        />
                      ))}
                  </svg>
                </td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {s.medianStepsToThreshold === null ? '–' : Math.round(s.medianStepsToThreshold)}
                </td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {s.reachedThreshold} / {s.runs}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={`m-0 text-slate-400 ${projector ? 'text-base' : 'text-xs'}`} data-testid="threshold-note">
        {threshold === null
          ? 'The threshold is set at the first validation. '
          : isMedian
            ? `Threshold ${formatBits(threshold)} bits/token: the class's median best, so about half of the runs reach it. `
            : `Threshold ${formatBits(threshold)} bits/token, set by hand. `}
        {!isMedian && (
          <button type="button" onClick={onThresholdReset} className="text-sky-300 underline">
            Use the class median
          </button>
        )}{' '}
        Scale {formatBits(x.domain[0])}–{formatBits(x.domain[1])} bits/token; lower is better. The white tick is the
        median{own.length > 0 ? '; amber dots are your runs' : ''}.
      </p>
    </section>
  );
}
