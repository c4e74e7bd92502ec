import { CELL_LABELS } from './board/board-format';
import { TASKS, type TaskId } from '@/lib/data/tasks';
import { ENGINE_LIMITS, type BoundedParam, type Challenge } from '@/lib/protocol/challenge';

const PARAM_LABELS: Record<BoundedParam, string> = {
  hiddenSize: 'Hidden size',
  layers: 'Layers',
  embeddingSize: 'Embedding size',
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  seqLength: 'Sequence length',
  clipNorm: 'Clip norm',
  gateBias: 'Gate bias',
};

const taskTitle = (id: string) => (id in TASKS ? TASKS[id as TaskId].title : id);

/** A challenge as a read-only list: what a round was played with. */
export function ChallengeSummary({ challenge }: { challenge: Challenge }) {
  const params = Object.entries(challenge.task.params);
  const rows: [string, string][] = [
    [
      'Task',
      `${taskTitle(challenge.task.id)}${params.length ? ` (${params.map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
    ],
    ['Budget', `${challenge.budgetSteps} steps per run, ${challenge.runsPerStudent} runs per student`],
    ['Time limit', challenge.timeLimitS ? `${Math.round(challenge.timeLimitS / 60)} min` : 'ended by the host'],
    ['Cells', challenge.allowedCells.map((c) => CELL_LABELS[c]).join(', ')],
    ['Optimisers', challenge.allowedOptimizers.join(', ')],
    ['Initialisations', challenge.allowedInits.join(', ')],
    ['Ranked by', challenge.rankingMetric === 'accuracy' ? 'best accuracy' : 'best validation loss'],
    ['Parameters', `at most ${challenge.maxParameters.toLocaleString('en')}`],
    ...(Object.keys(ENGINE_LIMITS) as BoundedParam[]).map((name): [string, string] => {
      const { min, max } = challenge.bounds[name];
      return [PARAM_LABELS[name], min === max ? String(min) : `${min} – ${max}`];
    }),
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm" data-testid="challenge-summary">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-400">{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
