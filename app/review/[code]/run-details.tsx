'use client';

import { CELL_LABELS, formatAccuracy, formatBits, formatLearningRate } from '../../_components/board/board-format';
import { LossChart } from '../../_components/charts/loss-chart';
import { CELL_COLORS } from '../../_components/charts/palette';
import { FROM_TASK_PARAM } from '../../_components/training/settings-link';
import { runConfigSearch } from '@/lib/domain/run-config-url';
import type { TaskChoice } from '@/lib/protocol/challenge';
import type { ExportRun } from '@/lib/protocol/review';

const STATUS_TEXT: Record<ExportRun['status'], string> = {
  running: 'still training',
  completed: 'completed its budget',
  stopped: 'stopped early',
};

/** The server's score of the run's submitted weights, in words: on test data, pending, failed or none. */
function verifiedRows(verified: ExportRun['verified']): [string, string][] {
  const name = 'Verified test loss';
  if (verified === null) return [[name, 'not verified: no weights were submitted']];
  if (verified.status === 'pending') return [[name, 'being scored by the server…']];
  if (verified.status === 'failed')
    return [[name, `could not be scored${verified.message ? `: ${verified.message}` : ''}`]];
  const rows: [string, string][] = [[name, `✓ ${formatBits(verified.testLoss)} bits/token`]];
  if (verified.testAccuracy !== undefined)
    rows.push(['Verified test accuracy', `✓ ${formatAccuracy(verified.testAccuracy)}`]);
  if (verified.flagged)
    rows.push(['Flagged', `⚑ its reported best beats the server's ${formatBits(verified.valLoss)} bits/token`]);
  return rows;
}

interface Props {
  run: ExportRun;
  /** The task of the run's round, named in "Try these settings" so the workspace can say when it differs. */
  task: TaskChoice;
  code: string;
  onClose: () => void;
}

/**
 * One run after class: its whole configuration, its scores (the server's on the round's secret test split
 * among them) and its full training and validation curves.
 */
export function RunDetails({ run, task, code, onClose }: Props) {
  const { config } = run;
  const finalValLoss = run.points.findLast((p) => p.valLoss !== undefined)?.valLoss;
  const settings: [string, string | number][] = [
    ['Cell', CELL_LABELS[config.cell]],
    ['Hidden size', config.hiddenSize],
    ['Layers', config.layers],
    ['Embedding size', config.embeddingSize],
    ['Learning rate', formatLearningRate(config.learningRate)],
    ['Optimiser', config.optimizer],
    ['Batch size', config.batchSize],
    ['Sequence length', config.seqLength],
    ['Gradient clip norm', config.clipNorm],
    ['Initialisation', config.init],
    ['Gate bias', config.cell === 'rnn' ? '–' : config.gateBias],
    ['Seed', config.seed],
  ];
  const scores: [string, string][] = [
    [
      'Best validation loss',
      `${formatBits(run.best?.valLoss)} bits/token${run.best ? ` at step ${run.best.step}` : ''}`,
    ],
    [
      'Best accuracy',
      `${formatAccuracy(run.bestAccuracy?.accuracy)}${run.bestAccuracy ? ` at step ${run.bestAccuracy.step}` : ''}`,
    ],
    ['Final validation loss', `${formatBits(finalValLoss)} bits/token`],
    ...verifiedRows(run.verified),
    ['Steps trained', String(run.lastStep)],
  ];
  const tryLink = `/play/${code}${runConfigSearch(config)}&${FROM_TASK_PARAM}=${encodeURIComponent(task.id)}`;

  return (
    <section
      aria-label={`Run of ${run.nickname}`}
      className="flex flex-col gap-4 rounded-xl bg-slate-900 p-4"
      data-testid="run-details"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h3 className="text-xl font-semibold">
          {run.nickname}&apos;s {CELL_LABELS[config.cell]} run{' '}
          <span className="text-base font-normal text-slate-300">({STATUS_TEXT[run.status]})</span>
        </h3>
        <div className="flex flex-wrap items-center gap-3">
          {/* The workspace fits these settings to the challenge of the moment, so a class can try the winner's. */}
          <a
            href={tryLink}
            className="rounded-lg bg-amber-400 px-3 py-1 font-semibold text-slate-950"
            data-testid="try-settings"
          >
            Try these settings
          </a>
          <button type="button" onClick={onClose} className="rounded-lg bg-slate-800 px-3 py-1 hover:bg-slate-700">
            Close
          </button>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {[...scores, ...settings].map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-slate-400">{name}</dt>
              <dd className="tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <LossChart
          runs={[{ id: run.id, label: run.nickname, color: CELL_COLORS[config.cell], points: run.points }]}
          metric="both"
          logY
          height={240}
        />
      </div>
    </section>
  );
}
