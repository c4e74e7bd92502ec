import type { BoardRun } from '@/lib/protocol/board';
import type { RankingMetric } from '@/lib/protocol/challenge';
import { displayName, formatAccuracy, formatBits, podiumOrder } from './board-format';
import { CellChip } from './cell-chip';

interface Props {
  runs: BoardRun[];
  metric?: RankingMetric;
  /** Lecture-hall mode: larger names and scores. */
  projector?: boolean;
}

/** Step heights in the classic order: 1st tallest in the middle. */
const STEP_HEIGHT: Record<1 | 2 | 3, string> = { 1: 'h-32', 2: 'h-24', 3: 'h-16' };
const MEDAL: Record<1 | 2 | 3, string> = { 1: 'bg-amber-300', 2: 'bg-slate-300', 3: 'bg-orange-400' };

/** The top three runs by rankRuns on a podium (2nd, 1st, 3rd), with name, cell and best score. */
export function Podium({ runs, metric = 'valLoss', projector = false }: Props) {
  const display = podiumOrder(runs, metric);
  // Screen readers get rank order; CSS `order` puts them on the podium as 2nd, 1st, 3rd.
  const places = [...display].sort((a, b) => a.place - b.place);
  return (
    <section data-testid="podium" aria-label="Podium" className="rounded-xl bg-slate-900 p-4">
      {places.length === 0 ? (
        <p className={`m-0 py-8 text-center text-slate-400 ${projector ? 'text-2xl' : 'text-base'}`}>No scores yet: the podium fills at the first validation.</p>
      ) : (
        <ol className="m-0 flex list-none items-end justify-center gap-3 p-0">
          {places.map(({ place, run }) => (
            <li key={run.runId} data-place={place} data-run-id={run.runId} className="flex min-w-0 flex-1 basis-0 flex-col items-center gap-2 text-center" style={{ order: display.findIndex((p) => p.place === place) }}>
              <span className={`max-w-full truncate font-semibold text-slate-50 ${projector ? 'text-3xl' : 'text-xl'}`}>{displayName(run)}</span>
              <CellChip cell={run.cell} projector={projector} />
              {metric === 'accuracy' ? (
                <>
                  <span className={`font-bold tabular-nums text-slate-50 ${projector ? 'text-4xl' : 'text-2xl'}`}>
                    {formatAccuracy(run.bestAccuracy?.accuracy)}
                    <span className={`ml-1 font-normal text-slate-400 ${projector ? 'text-lg' : 'text-sm'}`}>accuracy</span>
                  </span>
                  <span className={`text-slate-300 ${projector ? 'text-xl' : 'text-sm'}`}>{formatBits(run.best?.valLoss)} bits/token</span>
                </>
              ) : (
                <>
                  <span className={`font-bold tabular-nums text-slate-50 ${projector ? 'text-4xl' : 'text-2xl'}`}>
                    {formatBits(run.best?.valLoss)}
                    <span className={`ml-1 font-normal text-slate-400 ${projector ? 'text-lg' : 'text-sm'}`}>bits/token</span>
                  </span>
                  {run.bestAccuracy && <span className={`text-slate-300 ${projector ? 'text-xl' : 'text-sm'}`}>{formatAccuracy(run.bestAccuracy.accuracy)} accuracy</span>}
                </>
              )}
              <div className={`flex w-full items-start justify-center rounded-t-lg pt-2 ${MEDAL[place]} ${STEP_HEIGHT[place]}`}>
                <span className={`font-black text-slate-950 ${projector ? 'text-5xl' : 'text-3xl'}`} aria-label={`place ${place}`}>
                  {place}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
