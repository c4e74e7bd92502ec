'use client';

import { useId, type ReactNode } from 'react';
import { runConfigViolations, type Violation } from '@/lib/domain/challenge';
import { countParameters, DEFAULT_GATE_BIAS } from '@/lib/model/config';
import { runConfigSchema, type Challenge, type RunConfig } from '@/lib/protocol/challenge';
import { ParameterCount } from './parameter-count';

export type DraftConfig = Omit<RunConfig, 'seed'>;

const CELL_LABELS = { rnn: 'Vanilla RNN', lstm: 'LSTM', gru: 'GRU' } as const;
const draftSchema = runConfigSchema.omit({ seed: true });

/**
 * Why the draft cannot be trained, by field: the wire schema first (types, whole numbers, engine limits),
 * then the challenge's own bounds and parameter cap. The server applies the same two checks.
 */
export function draftViolations(challenge: Challenge, draft: DraftConfig, vocabSize: number): Violation[] {
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const field = issue.path[0] as keyof RunConfig;
      const range = challenge.bounds[field as keyof Challenge['bounds']];
      // Past the engine's limits is also past the challenge's, and the challenge's range is what to show.
      if (range && (issue.code === 'too_big' || issue.code === 'too_small')) {
        return { field, message: `Must be between ${range.min} and ${range.max}` };
      }
      return { field, message: Number.isNaN(draft[field as keyof DraftConfig]) ? 'Enter a number' : issue.message };
    });
  }
  return runConfigViolations(challenge, parsed.data, vocabSize);
}

/**
 * The draft for another cell, with that cell's measured gate-bias default (LSTM forget gate +3, GRU
 * update gate +1) where the challenge allows it: the setting that decides whether gating shows.
 */
function withCell(draft: DraftConfig, cell: DraftConfig['cell'], range: Challenge['bounds']['gateBias']): DraftConfig {
  const gateBias = Math.min(range.max, Math.max(range.min, DEFAULT_GATE_BIAS[cell]));
  return { ...draft, cell, gateBias: cell === 'rnn' ? draft.gateBias : gateBias };
}

interface Props {
  challenge: Challenge;
  vocabSize: number;
  draft: DraftConfig;
  onChange: (draft: DraftConfig) => void;
  disabled: boolean;
}

/** The student's choice of cell and hyperparameters, bounded by the challenge, with reasons for refusals. */
export function RunConfigForm({ challenge, vocabSize, draft, onChange, disabled }: Props) {
  const violations = draftViolations(challenge, draft, vocabSize);
  const errorOf = (field: Violation['field']) => violations.find((v) => v.field === field)?.message;
  const set = <K extends keyof DraftConfig>(key: K, value: DraftConfig[K]) => onChange({ ...draft, [key]: value });
  const { bounds } = challenge;
  const parameters = countParameters({ ...draft, layers: draft.layers === 2 ? 2 : 1, vocabSize });

  const numberField = (
    key: 'hiddenSize' | 'embeddingSize' | 'batchSize' | 'seqLength' | 'clipNorm' | 'gateBias',
    label: string,
    step = 1,
  ) => (
    <Field label={label} error={errorOf(key)} hint={`${bounds[key].min}–${bounds[key].max}`}>
      {(id) => (
        <input
          id={id}
          type="number"
          step={step}
          min={bounds[key].min}
          max={bounds[key].max}
          value={Number.isNaN(draft[key]) ? '' : draft[key]}
          onChange={(e) => set(key, e.target.valueAsNumber)}
          disabled={disabled}
          className="w-full rounded bg-slate-800 px-2 py-1"
        />
      )}
    </Field>
  );

  const lrMin = Math.log10(bounds.learningRate.min);
  const lrMax = Math.log10(bounds.learningRate.max);

  return (
    <fieldset disabled={disabled} aria-label="Model and training settings" className="flex flex-col gap-3">
      <div role="radiogroup" aria-label="Cell" className="flex gap-2">
        {challenge.allowedCells.map((cell) => (
          <label
            key={cell}
            // The radio itself is hidden; its label shows where the keyboard is.
            className={`flex-1 cursor-pointer rounded-lg px-3 py-2 text-center has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-sky-300 ${draft.cell === cell ? 'bg-amber-400 font-semibold text-slate-950' : 'bg-slate-800'}`}
          >
            <input
              type="radio"
              name="cell"
              value={cell}
              checked={draft.cell === cell}
              onChange={() => onChange(withCell(draft, cell, bounds.gateBias))}
              className="sr-only"
            />
            {CELL_LABELS[cell]}
          </label>
        ))}
      </div>
      {errorOf('cell') && <p className="text-sm text-red-300">{errorOf('cell')}</p>}

      <div className="grid grid-cols-2 gap-3">
        {numberField('hiddenSize', 'Hidden units')}
        <Field label="Layers" error={errorOf('layers')}>
          {(id) => (
            <select
              id={id}
              value={draft.layers}
              onChange={(e) => set('layers', Number(e.target.value))}
              className="w-full rounded bg-slate-800 px-2 py-1"
            >
              {[1, 2]
                .filter((n) => n >= bounds.layers.min && n <= bounds.layers.max)
                .map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {numberField('embeddingSize', 'Embedding size')}
        {numberField('batchSize', 'Batch size')}
        {numberField('seqLength', 'Sequence length')}
        {numberField('clipNorm', 'Gradient clipping (0 = off)', 0.5)}
      </div>

      <Field label={`Learning rate: ${draft.learningRate.toPrecision(2)}`} error={errorOf('learningRate')}>
        {(id) => (
          <input
            id={id}
            type="range"
            min={lrMin}
            max={lrMax}
            step={(lrMax - lrMin) / 100}
            value={Math.log10(draft.learningRate)}
            onChange={(e) => set('learningRate', Number((10 ** e.target.valueAsNumber).toPrecision(3)))}
            aria-valuetext={draft.learningRate.toPrecision(2)}
          />
        )}
      </Field>

      <div className="grid grid-cols-2 gap-3">
        <Field label="Optimizer" error={errorOf('optimizer')}>
          {(id) => (
            <select
              id={id}
              value={draft.optimizer}
              onChange={(e) => set('optimizer', e.target.value as DraftConfig['optimizer'])}
              className="w-full rounded bg-slate-800 px-2 py-1"
            >
              {challenge.allowedOptimizers.map((o) => (
                <option key={o} value={o}>
                  {o === 'sgd' ? 'SGD + momentum' : o === 'adam' ? 'Adam' : 'RMSprop'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Initialisation" error={errorOf('init')}>
          {(id) => (
            <select
              id={id}
              value={draft.init}
              onChange={(e) => set('init', e.target.value as DraftConfig['init'])}
              className="w-full rounded bg-slate-800 px-2 py-1"
            >
              {challenge.allowedInits.map((i) => (
                <option key={i} value={i}>
                  {i === 'pytorch' ? 'PyTorch uniform' : i === 'glorot' ? 'Glorot' : 'Orthogonal'}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {draft.cell !== 'rnn' &&
        numberField('gateBias', draft.cell === 'lstm' ? 'Forget-gate bias' : 'Update-gate bias', 0.5)}

      <div className="flex items-center justify-between">
        <span className="text-sm text-slate-400">Parameters</span>
        <ParameterCount count={parameters} max={challenge.maxParameters} />
      </div>
      {errorOf('parameters') && (
        <p role="alert" className="text-sm text-red-300">
          {errorOf('parameters')}
        </p>
      )}
    </fieldset>
  );
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="text-slate-400">
        {label} {hint && <span className="text-slate-400">({hint})</span>}
      </label>
      {children(id)}
      {error && (
        <span role="alert" className="text-red-300">
          {error}
        </span>
      )}
    </div>
  );
}
