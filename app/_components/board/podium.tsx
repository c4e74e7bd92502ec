import type { BoardRun } from '@/lib/protocol/board';
import type { RankingMetric } from '@/lib/protocol/challenge';
import { displayName, podiumOrder, shownScore } from './board-format';
import { CellChip } from './cell-chip';
import { flagReason } from './verified-mark';

interface Props {
  runs: BoardRun[];
  metric?: RankingMetric;
  /** Lecture-hall mode: larger names and scores. */
  projector?: boolean;
  /** The viewer's own participant id: their places get "(you)". */
  selfParticipantId?: string | null;
}

/** Step heights in the classic order: 1st tallest in the middle. */
const STEP_HEIGHT: Record<1 | 2 | 3, string> = { 1: 'h-32', 2: 'h-24', 3: 'h-16' };
const MEDAL: Record<1 | 2 | 3, string> = { 1: 'bg-amber-300', 2: 'bg-slate-300', 3: 'bg-orange-400' };

/**
 * The top three runs of the final ranking (rankVerified) on a podium (2nd, 1st, 3rd), with name, cell and
 * score: on the secret test split where the server scored the run, else the reported one, marked.
 */
export function Podium({ runs, metric = 'valLoss', projector = false, selfParticipantId = null }: Props) {
  const display = podiumOrder(runs, metric);
  // Screen readers get rank order; CSS `order` puts them on the podium as 2nd, 1st, 3rd.
  const places = [...display].sort((a, b) => a.place - b.place);
  return (
    <section data-testid="podium" aria-label="Podium" className="rounded-xl bg-slate-900 p-4">
      {places.length === 0 ? (
        <p className={`m-0 py-8 text-center text-slate-400 ${projector ? 'text-2xl' : 'text-base'}`}>
          No scores yet: the podium fills at the first validation.
        </p>
      ) : (
        <ol className="m-0 flex list-none items-end justify-center gap-3 p-0">
          {places.map(({ place, run }) => (
            <li
              key={run.runId}
              data-place={place}
              data-run-id={run.runId}
              className="flex min-w-0 flex-1 basis-0 flex-col items-center gap-2 text-center"
              style={{ order: display.findIndex((p) => p.place === place) }}
            >
              {/* Read first: the number on the step below is drawn for the eye only. */}
              <span className="sr-only">{`Place ${place}: `}</span>
              <span
                title={displayName(run)}
                className={`flex max-w-full font-semibold text-slate-50 ${projector ? 'text-3xl' : 'text-xl'}`}
              >
                <span className="min-w-0 truncate">{displayName(run)}</span>
                {selfParticipantId !== null && run.participantId === selfParticipantId && (
                  <span className="ml-1 shrink-0 text-amber-300" data-testid="podium-you">
                    (you)
                  </span>
                )}
              </span>
              <CellChip cell={run.cell} projector={projector} />
              <PodiumScore run={run} metric={metric} projector={projector} />
              <div
                className={`flex w-full items-start justify-center rounded-t-lg pt-2 ${MEDAL[place]} ${STEP_HEIGHT[place]}`}
              >
                <span aria-hidden className={`font-black text-slate-950 ${projector ? 'text-5xl' : 'text-3xl'}`}>
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

/**
 * The score the challenge ranks by, large, with its unit: the server's on the secret test split (✓), or
 * the reported best, marked unverified. The host's own screen adds the reported one under a verified
 * score, flagged when it does not match; a projector shows one score per run only.
 */
function PodiumScore({ run, metric, projector }: { run: BoardRun; metric: RankingMetric; projector: boolean }) {
  const main = shownScore(run, metric, true);
  const reported = shownScore(run, metric, false);
  const flagged = run.verified?.status === 'done' && run.verified.flagged;
  return (
    <>
      {/* The unit wraps under the number where a place is narrow (a phone), instead of running into the next. */}
      <span
        data-testid="podium-score"
        data-verified={main.verified ? 'true' : 'false'}
        className={`flex max-w-full flex-wrap items-baseline justify-center font-bold tabular-nums text-slate-50 ${projector ? 'text-4xl' : 'text-2xl'}`}
      >
        {main.verified && (
          <>
            <span aria-hidden className="mr-1 text-emerald-300" title="Scored by the server on test data">
              ✓
            </span>
            <span className="sr-only">verified: </span>
          </>
        )}
        {main.text}
        <span className={`ml-1 font-normal text-slate-400 ${projector ? 'text-lg' : 'text-sm'}`}>{main.unit}</span>
      </span>
      {!main.verified ? (
        <span className={`text-slate-300 ${projector ? 'text-xl' : 'text-sm'}`}>
          unverified: not scored on test data
        </span>
      ) : (
        !projector && (
          <span className="text-sm text-slate-300" data-testid="podium-reported">
            reported {reported.text} {reported.unit}
            {flagged && (
              <span
                className="ml-1 text-rose-300"
                data-testid="podium-flag"
                aria-label="flagged"
                title={flagReason(run)}
              >
                ⚑
              </span>
            )}
          </span>
        )
      )}
    </>
  );
}
