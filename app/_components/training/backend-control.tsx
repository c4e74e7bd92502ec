'use client';

import type { BackendChoice, BackendTiming } from '../../_training/backend-choice';
import type { BackendName } from '../../_training/backend-names';

const CHOICES: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Automatic (fastest)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'wasm' },
  { value: 'cpu', label: 'CPU' },
];

interface Props {
  choice: BackendChoice;
  onChoiceChange: (choice: BackendChoice) => void;
  /** The last run's backend and the probe behind it (null timings: the student named the backend). */
  decision: { backend: BackendName; timings: BackendTiming[] | null; cached: boolean } | null;
  measuring: boolean;
  /** A run is training: the choice applies to the next one. */
  disabled: boolean;
}

function timingText(timing: BackendTiming, chosen: BackendName): string {
  if (timing.outcome === 'unavailable') return `${timing.backend} unavailable`;
  if (timing.outcome === 'too-slow') return `${timing.backend} stopped after ${(timing.afterMs / 1000).toFixed(1)} s`;
  if (timing.outcome === 'sole') return `${timing.backend} (the only one that can run here, so not timed)`;
  const ms = timing.msPerStep >= 10 ? Math.round(timing.msPerStep) : timing.msPerStep.toFixed(1);
  return `${timing.backend} ${ms} ms/step${timing.backend === chosen ? ' (fastest)' : ''}`;
}

/** How a stored probe is labelled: it measured backends, or only found that one could run. */
const cachedNote = (timings: readonly BackendTiming[]) =>
  timings.some((t) => t.outcome === 'measured') ? ' (measured earlier)' : ' (checked earlier)';

/** Which TensorFlow.js backend trains the next run, and what the probe measured on this device. */
export function BackendControl({ choice, onChoiceChange, decision, measuring, disabled }: Props) {
  const timings = decision?.timings;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-400">
      <label className="flex items-center gap-2">
        <span>Backend</span>
        <select
          value={choice}
          disabled={disabled}
          onChange={(event) => onChoiceChange(event.target.value as BackendChoice)}
          className="rounded-md bg-slate-800 px-2 py-1 text-slate-100 disabled:opacity-60"
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <span data-testid="backend-timings" className="min-w-0 break-words tabular-nums">
        {measuring
          ? 'measuring each backend on this model…'
          : timings && decision
            ? `${timings.map((t) => timingText(t, decision.backend)).join(' · ')}${decision.cached ? cachedNote(timings) : ''}`
            : choice === 'auto'
              ? 'the next run measures each backend on its model and trains on the fastest'
              : 'Automatic measures each backend on this model and picks the fastest'}
      </span>
      {choice === 'auto' && decision?.cached && !disabled && (
        <button
          type="button"
          onClick={() => onChoiceChange('auto')}
          className="rounded-md bg-slate-800 px-2 py-0.5 text-slate-100"
        >
          Measure again
        </button>
      )}
    </div>
  );
}
