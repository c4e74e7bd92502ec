import { rankScore } from '@/lib/domain/leaderboard';
import { rankVerified, verifiedScore } from '@/lib/domain/verified';
import type { BoardRun } from '@/lib/protocol/board';
import type { Cell, RankingMetric } from '@/lib/protocol/challenge';

/** Text shared by every board component, so a run reads the same in the table, the tooltip and the podium. */

export const CELL_LABELS: Record<Cell, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/** The name shown for a run; the server sends null when the board is anonymous. */
export function displayName(run: Pick<BoardRun, 'nickname'>): string {
  return run.nickname ?? 'Anonymous';
}

/** Bits per token to three decimals, or a dash before the first validation point. */
export function formatBits(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3);
}

/** A 0..1 accuracy as a whole percentage, or a dash when the task has none. */
export function formatAccuracy(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${Math.round(v * 100)}%`;
}

/** A score under `metric`: bits per token to three decimals, or accuracy as a whole percentage. */
export function formatScore(v: number | null | undefined, metric: RankingMetric): string {
  return metric === 'accuracy' ? formatAccuracy(v) : formatBits(v);
}

/** A learning rate as students type it: 0.001 → "1e-3", 0.003 → "3e-3", 0.05 → "0.05". */
export function formatLearningRate(lr: number): string {
  if (lr >= 0.01) return String(Number(lr.toPrecision(2)));
  const [mantissa, exponent] = lr.toExponential(1).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** Hidden × layers, learning rate, gate bias (meaningless for a vanilla RNN) and optimiser, in one line. */
export function settingsSummary(config: BoardRun['config']): string {
  const parts = [`${config.hiddenSize}×${config.layers}`, `lr ${formatLearningRate(config.learningRate)}`];
  if (config.cell !== 'rnn') parts.push(`bias ${config.gateBias > 0 ? '+' : ''}${config.gateBias}`);
  parts.push(config.optimizer);
  return parts.join(' · ');
}

/** One score of a run, as text, with its unit and whether the server measured it on test data. */
export interface ShownScore {
  text: string;
  unit: string;
  verified: boolean;
}

/**
 * The one score a run shows where there is room for one (the projector, the podium): with `final`, the
 * server's on the secret test split where it has one under `metric` (as rankVerified ranks), else the
 * reported best; bits per token or accuracy as `metric` says. Pure.
 */
export function shownScore(run: BoardRun, metric: RankingMetric, final: boolean): ShownScore {
  const v = final && verifiedScore(run, metric) !== null ? run.verified : null;
  if (metric === 'accuracy') {
    return v
      ? { text: formatAccuracy(v.testAccuracy), unit: 'test accuracy', verified: true }
      : { text: formatAccuracy(run.bestAccuracy?.accuracy), unit: 'accuracy', verified: false };
  }
  return v
    ? { text: formatBits(v.testLoss), unit: 'test bits/token', verified: true }
    : { text: formatBits(run.best?.valLoss), unit: 'bits/token', verified: false };
}

/** Share of the step budget done, clamped to 0..1. */
export function progressFraction(lastStep: number, budgetSteps: number): number {
  return budgetSteps > 0 ? Math.min(1, Math.max(0, lastStep / budgetSteps)) : 0;
}

/**
 * The podium in display order — 2nd, 1st, 3rd — from the round's final ranking under `metric`
 * (rankVerified: scores on the secret test split first), keeping only runs with a score; fewer than
 * three scored runs leave the missing places out (1st stays in the middle).
 */
export function podiumOrder(
  runs: readonly BoardRun[],
  metric: RankingMetric = 'valLoss',
): { place: 1 | 2 | 3; run: BoardRun }[] {
  const top = rankVerified(runs, metric)
    .filter((r) => verifiedScore(r, metric) !== null || rankScore(r, metric) !== null)
    .slice(0, 3);
  const places = [
    { place: 2 as const, run: top[1] },
    { place: 1 as const, run: top[0] },
    { place: 3 as const, run: top[2] },
  ];
  return places.filter((p): p is { place: 1 | 2 | 3; run: BoardRun } => p.run !== undefined);
}
