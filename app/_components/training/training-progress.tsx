'use client';

import { useState } from 'react';
import { addSample, estimateRemainingMs, type ProgressSample } from './eta';
import { formatCompact, formatDuration, formatThousands } from './format';

/**
 * 'finished': the run trained its whole budget; 'stopped': it ended before (the student pressed Stop);
 * 'interrupted': a run of an earlier page that has not gone on (waiting to be resumed, or unable to).
 */
export type TrainingState = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'error' | 'interrupted';

interface Props {
  step: number;
  budgetSteps: number;
  tokensPerSec: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
  state: TrainingState;
}

/** Every state is spelled out in text as well, so colour is never the only cue. */
const STATE_STYLE: Record<TrainingState, { label: string; badge: string; bar: string }> = {
  idle: { label: 'Ready', badge: 'bg-slate-700 text-slate-200', bar: 'bg-slate-500' },
  running: { label: 'Training', badge: 'bg-sky-900 text-sky-100', bar: 'bg-sky-500' },
  paused: { label: 'Paused', badge: 'bg-amber-900 text-amber-100', bar: 'bg-amber-400' },
  finished: { label: 'Finished', badge: 'bg-emerald-900 text-emerald-100', bar: 'bg-emerald-500' },
  stopped: { label: 'Stopped', badge: 'bg-slate-600 text-slate-50', bar: 'bg-slate-400' },
  error: { label: 'Error', badge: 'bg-red-900 text-red-100', bar: 'bg-red-500' },
  interrupted: { label: 'Interrupted', badge: 'bg-orange-900 text-orange-100', bar: 'bg-orange-400' },
};

/** What a screen reader hears when a run stops changing: the bar alone would say nothing. */
function announcement(state: TrainingState, step: number, budget: number): string {
  if (state === 'finished') return `Run finished at step ${formatThousands(step)} of ${formatThousands(budget)}.`;
  if (state === 'stopped') return `Run stopped at step ${formatThousands(step)} of ${formatThousands(budget)}.`;
  if (state === 'error') return 'Training stopped with an error.';
  return '';
}

function remainingText(state: TrainingState, remainingMs: number | null): string {
  if (state === 'finished') return 'done';
  if (state === 'stopped') return 'stopped early';
  if (state === 'running') return remainingMs === null ? 'estimating…' : `${formatDuration(remainingMs)} left`;
  if (state === 'paused') return remainingMs === null ? 'paused' : `${formatDuration(remainingMs)} left when resumed`;
  return '–';
}

/** Steps done against the budget, speed, elapsed time and an estimate of the time left. */
export function TrainingProgress({ step, budgetSteps, tokensPerSec, elapsedMs, state }: Props) {
  // Progress history kept across renders (React's "adjust state while rendering" pattern),
  // so the estimate follows the recent rate instead of the whole run's average.
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  const last = samples[samples.length - 1];
  if (!last || last.step !== step || last.elapsedMs !== elapsedMs) {
    setSamples(addSample(samples, { step, elapsedMs }));
  }

  const budget = Math.max(budgetSteps, 0);
  const done = Math.min(Math.max(step, 0), budget);
  const fraction = budget > 0 ? done / budget : 0;
  const remainingMs = estimateRemainingMs(samples, step, budget, elapsedMs);
  const style = STATE_STYLE[state];

  return (
    <section
      aria-label="Training"
      data-testid="training-progress"
      data-state={state}
      data-step={step}
      className="flex flex-col gap-2 rounded-xl bg-slate-900 p-4 text-sm text-slate-300"
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <span className={`rounded-md px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${style.badge}`}>
          {style.label}
        </span>
        <span className="text-slate-100 tabular-nums">
          step <strong>{formatThousands(step)}</strong> / {formatThousands(budget)}
        </span>
        <span className="tabular-nums">{Math.floor(fraction * 100)}%</span>
        <span className="ml-auto tabular-nums text-slate-400">{remainingText(state, remainingMs)}</span>
      </div>
      <div
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={done}
        aria-valuetext={`step ${done} of ${budget}`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-300 ${style.bar}`}
          style={{ width: `${fraction * 100}%` }}
        />
      </div>
      {/* Always in the page, so the change of its text is what gets announced. */}
      <p role="status" className="sr-only">
        {announcement(state, done, budget)}
      </p>
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-400 tabular-nums">
        <span>{state === 'running' ? `${formatCompact(tokensPerSec)} tokens/s` : '– tokens/s'}</span>
        <span>elapsed {formatDuration(elapsedMs)}</span>
      </div>
    </section>
  );
}
