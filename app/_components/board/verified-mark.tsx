import { VERIFY_TOLERANCE } from '@/lib/protocol/verification';
import type { BoardRun } from '@/lib/protocol/board';
import type { RankingMetric } from '@/lib/protocol/challenge';
import { formatAccuracy, formatBits, shownScore } from './board-format';

/** Why a run is flagged, for the hover text: its report against the server's own measure of its weights. */
export function flagReason(run: BoardRun): string {
  return (
    `Reported best validation loss ${formatBits(run.best?.valLoss)} bits/token is more than ` +
    `${Math.round(VERIFY_TOLERANCE * 100)}% better than the ${formatBits(run.verified?.valLoss)} the server ` +
    'measured with the same weights on the same validation data: the report does not match the model.'
  );
}

/**
 * The server's score of a run's submitted weights on the secret test split (✓ and the score under
 * `metric`), "…" while they wait, ✗ when they could not be scored, a dash before any were submitted; and
 * ⚑ where the run's report beats the server's measure (see flagReason, on hover).
 */
export function VerifiedMark({ run, metric }: { run: BoardRun; metric: RankingMetric }) {
  const v = run.verified;
  if (v === null) return <span title="No weights submitted yet">–</span>;
  if (v.status === 'pending') return <span title="The server is scoring this run's weights">…</span>;
  if (v.status === 'failed')
    return (
      <span className="text-rose-300" title={v.message ?? 'The weights could not be scored'}>
        ✗
      </span>
    );
  const score = metric === 'accuracy' ? formatAccuracy(v.testAccuracy) : formatBits(v.testLoss);
  return (
    <span className="whitespace-nowrap" data-testid="verified-score">
      <span
        aria-label={`verified on test data: ${score}`}
        title="Scored by the server on test data no browser has seen"
      >
        ✓ {score}
      </span>
      {v.flagged && (
        <span className="ml-1 text-rose-300" data-testid="verified-flag" aria-label="flagged" title={flagReason(run)}>
          ⚑
        </span>
      )}
    </span>
  );
}

/**
 * A run's one score on a wall (shownScore): the verified one in the final ranking, ✓ before it, else the
 * reported best; the unit is in the column's heading.
 */
export function WallScore({ run, metric, final }: { run: BoardRun; metric: RankingMetric; final: boolean }) {
  const score = shownScore(run, metric, final);
  return (
    <span data-verified={score.verified} title={score.verified ? `${score.text} ${score.unit}, verified` : undefined}>
      {score.verified && (
        <>
          <span aria-hidden className="mr-1 text-emerald-300">
            ✓
          </span>
          <span className="sr-only">verified: </span>
        </>
      )}
      {score.text}
    </span>
  );
}
