'use client';

import { useId } from 'react';
import { formatThousands } from './format';

interface Props {
  /** Generated text; newlines are kept. */
  text: string;
  /** Training step of the weights that produced `text`; null before any sample. */
  step: number | null;
  temperature: number;
  onTemperatureChange: (temperature: number) => void;
}

export const TEMPERATURE_MIN = 0.2;
export const TEMPERATURE_MAX = 2;
export const TEMPERATURE_STEP = 0.1;

/** Text sampled from the model, with the sampling temperature to play with. */
export function SampleView({ text, step, temperature, onTemperatureChange }: Props) {
  const sliderId = useId();
  return (
    <section
      aria-label="Generated sample"
      data-testid="sample-view"
      data-points={text.length}
      data-step={step ?? undefined}
      className="flex flex-col gap-3 rounded-xl bg-slate-900 p-4 text-sm text-slate-300"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h3 className="font-semibold text-slate-100">Sample</h3>
        <span className="text-slate-400">{step === null ? 'not sampled yet' : `at step ${formatThousands(step)}`}</span>
        <div className="ml-auto flex items-center gap-2">
          <label htmlFor={sliderId}>Temperature</label>
          <input
            id={sliderId}
            type="range"
            min={TEMPERATURE_MIN}
            max={TEMPERATURE_MAX}
            step={TEMPERATURE_STEP}
            value={temperature}
            onChange={(e) => onTemperatureChange(Number(e.target.value))}
            className="w-40 accent-amber-400"
          />
          <output htmlFor={sliderId} className="w-8 text-right font-mono tabular-nums text-slate-100">
            {temperature.toFixed(1)}
          </output>
        </div>
      </div>
      <pre className="max-h-72 min-h-24 overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-sm leading-6 whitespace-pre-wrap break-words text-slate-100">
        {text || <span className="text-slate-400">Start training to see what the model writes.</span>}
      </pre>
      <p className="text-xs text-slate-400">Low temperature: safe, repetitive. High: adventurous, noisy.</p>
    </section>
  );
}
