'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { challengeForTask } from '@/lib/domain/challenge-presets';
import { TASKS, TASK_IDS, type TaskId } from '@/lib/data/tasks';
import { CELLS, challengeSchema, RANKING_METRICS, type Challenge, type RankingMetric } from '@/lib/protocol/challenge';
import { uploadText } from '../../_realtime/texts';

const CELL_LABELS = { rnn: 'Vanilla RNN', lstm: 'LSTM', gru: 'GRU' } as const;
const RANKING_LABELS: Record<RankingMetric, string> = {
  valLoss: 'Best validation bits per token (lower wins)',
  accuracy: 'Best task accuracy (higher wins)',
};

interface Props {
  code: string;
  challenge: Challenge;
  /** Resolves when the server accepted it; rejects with its reason. */
  onSave: (challenge: Challenge) => Promise<unknown>;
  disabled: boolean;
}

/** Presets per task, and every setting editable; checked with the wire schema before it is sent. */
export function ChallengeBuilder({ code, challenge, onSave, disabled }: Props) {
  const [draft, setDraft] = useState<Challenge>(challenge);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [upload, setUpload] = useState<string | null>(null);
  // Every session:state carries a fresh copy of the same challenge; only a different one replaces the draft.
  const challengeKey = JSON.stringify(challenge);
  useEffect(() => setDraft(JSON.parse(challengeKey) as Challenge), [challengeKey]);

  const update = (change: Partial<Challenge>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const task = TASKS[draft.task.id as TaskId];
  const params = (task?.defaultParams ?? {}) as Record<string, number | string>;

  const uploadFile = async (file: File | undefined) => {
    if (!file) return;
    setUpload(`Uploading ${file.name}…`);
    try {
      const uploaded = await uploadText(code, file);
      update({
        title: `Next character: ${file.name}`,
        task: { ...draft.task, params: { ...draft.task.params, textId: uploaded.textId } },
      });
      setUpload(
        `${file.name}: ${uploaded.characters.toLocaleString('en-US')} characters, ${uploaded.vocabSize} distinct tokens.`,
      );
    } catch (err) {
      setUpload(err instanceof Error ? err.message : String(err));
    }
  };

  const save = async () => {
    const parsed = challengeSchema.safeParse(draft);
    if (!parsed.success)
      return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    setError(null);
    try {
      await onSave(parsed.data);
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const range = (key: keyof Challenge['bounds'], label: string, step = 1) => (
    // Fieldsets do not shrink below their content unless told (min-w-0); on a phone the inputs wrap under the label.
    <fieldset className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
      <legend className="sr-only">{label}</legend>
      <span className="w-36 text-slate-400">{label}</span>
      {(['min', 'max'] as const).map((end) => (
        <input
          key={end}
          type="number"
          step={step}
          aria-label={`${label} ${end}`}
          value={draft.bounds[key][end]}
          onChange={(e) =>
            update({ bounds: { ...draft.bounds, [key]: { ...draft.bounds[key], [end]: e.target.valueAsNumber } } })
          }
          className="w-24 min-w-0 rounded bg-slate-800 px-2 py-1"
        />
      ))}
    </fieldset>
  );

  return (
    <section aria-label="Challenge" className="flex flex-col gap-4 rounded-xl bg-slate-900 p-4">
      <h2 className="text-2xl font-semibold">Challenge for the next round</h2>
      <fieldset disabled={disabled} className="grid min-w-0 grid-cols-1 gap-4 lg:grid-cols-2">
        <Labelled label="Task">
          <select
            value={draft.task.id}
            onChange={(e) => update(challengeForTask(e.target.value as TaskId))}
            className="rounded bg-slate-800 px-2 py-1"
          >
            {TASK_IDS.map((id) => (
              <option key={id} value={id}>
                {TASKS[id].title}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Title">
          <input
            value={draft.title}
            onChange={(e) => update({ title: e.target.value })}
            className="rounded bg-slate-800 px-2 py-1"
          />
        </Labelled>
        {task && <p className="text-sm text-slate-400 lg:col-span-2">{task.description}</p>}
        {draft.task.id === 'text' && (
          <Labelled label="Text file (UTF-8, up to 2 MB)">
            <input
              type="file"
              accept=".txt,text/plain"
              onChange={(e) => void uploadFile(e.target.files?.[0])}
              className="text-sm"
            />
            {upload && (
              <span role="status" className="text-slate-300">
                {upload}
              </span>
            )}
          </Labelled>
        )}
        {Object.entries(params).map(([name, fallback]) => (
          <Labelled key={name} label={`Task: ${name}`}>
            <input
              type={typeof fallback === 'number' ? 'number' : 'text'}
              value={draft.task.params[name] ?? fallback}
              onChange={(e) =>
                update({
                  task: {
                    ...draft.task,
                    params: {
                      ...draft.task.params,
                      [name]: typeof fallback === 'number' ? e.target.valueAsNumber : e.target.value,
                    },
                  },
                })
              }
              className="rounded bg-slate-800 px-2 py-1"
            />
          </Labelled>
        ))}
        <Labelled label="Training steps per run">
          <input
            type="number"
            value={draft.budgetSteps}
            onChange={(e) => update({ budgetSteps: e.target.valueAsNumber })}
            className="rounded bg-slate-800 px-2 py-1"
          />
        </Labelled>
        <Labelled label="Round time limit (minutes, 0 = none)">
          <input
            type="number"
            min={0}
            value={draft.timeLimitS / 60}
            onChange={(e) => update({ timeLimitS: Math.round(e.target.valueAsNumber * 60) })}
            className="rounded bg-slate-800 px-2 py-1"
          />
        </Labelled>
        <Labelled label="Runs per student">
          <input
            type="number"
            min={1}
            value={draft.runsPerStudent}
            onChange={(e) => update({ runsPerStudent: e.target.valueAsNumber })}
            className="rounded bg-slate-800 px-2 py-1"
          />
        </Labelled>
        <Labelled label="Maximum parameters">
          <input
            type="number"
            value={draft.maxParameters}
            onChange={(e) => update({ maxParameters: e.target.valueAsNumber })}
            className="rounded bg-slate-800 px-2 py-1"
          />
        </Labelled>
        <Labelled label="Rank runs by">
          <select
            value={draft.rankingMetric}
            onChange={(e) => update({ rankingMetric: e.target.value as RankingMetric })}
            className="rounded bg-slate-800 px-2 py-1"
          >
            {RANKING_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {RANKING_LABELS[metric]}
              </option>
            ))}
          </select>
        </Labelled>
        <div role="group" aria-label="Allowed cells" className="flex flex-wrap gap-x-4 gap-y-2">
          {CELLS.map((cell) => (
            <label key={cell} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={draft.allowedCells.includes(cell)}
                onChange={(e) =>
                  update({
                    allowedCells: e.target.checked
                      ? [...draft.allowedCells, cell]
                      : draft.allowedCells.filter((c) => c !== cell),
                  })
                }
              />
              {CELL_LABELS[cell]}
            </label>
          ))}
        </div>
        <p className="text-sm text-slate-400">Ties go to the run that got there first.</p>
        <div className="flex flex-col gap-2 lg:col-span-2">
          <p className="text-sm text-slate-400">Bounds (min, max)</p>
          {range('hiddenSize', 'Hidden units')}
          {range('layers', 'Layers')}
          {range('learningRate', 'Learning rate', 0.0001)}
          {range('seqLength', 'Sequence length')}
          {range('batchSize', 'Batch size')}
          {range('gateBias', 'Gate bias', 0.5)}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="text-red-300">
          {error}
        </p>
      )}
      <div className="flex items-center gap-4">
        <button
          type="button"
          onClick={() => void save()}
          disabled={disabled}
          className="rounded-lg bg-sky-500 px-4 py-2 font-semibold text-slate-950 disabled:opacity-40"
        >
          Save challenge
        </button>
        {saved && (
          <span role="status" className="text-emerald-300">
            Saved: students see it now.
          </span>
        )}
        {disabled && <span className="text-slate-400">End the round to change the challenge.</span>}
      </div>
    </section>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    // min-w-0 on the control too: a select is otherwise as wide as its longest option, wider than a phone.
    <label className="flex min-w-0 flex-col gap-1 text-sm [&>*]:min-w-0">
      <span className="text-slate-400">{label}</span>
      {children}
    </label>
  );
}
