import { TASKS, type TaskId } from '@/lib/data/tasks';
import { runConfigFromSearch } from '@/lib/domain/run-config-url';
import { CELLS, ENGINE_LIMITS, INITS, OPTIMIZERS, type Challenge, type RunConfig } from '@/lib/protocol/challenge';

/**
 * The link parameter naming the task a run's settings were trained on ("Try these settings" on the review
 * page), so the workspace can say when the current challenge is another task.
 */
export const FROM_TASK_PARAM = 'task';

/** What opening a settings link here changed, in words for the student. */
export interface SettingsLinkNotice {
  /** The link's task, by title, when it is not the current challenge's task. */
  otherTask: string | null;
  /** This challenge's task, by title. */
  task: string;
  /** Each setting the challenge did not allow as linked: "hidden units 300 → 256". */
  adjusted: string[];
}

const NAMES: Record<Exclude<keyof RunConfig, 'seed'>, string> = {
  cell: 'cell',
  hiddenSize: 'hidden units',
  layers: 'layers',
  embeddingSize: 'embedding size',
  learningRate: 'learning rate',
  optimizer: 'optimiser',
  batchSize: 'batch size',
  seqLength: 'sequence length',
  clipNorm: 'clip norm',
  init: 'initialisation',
  gateBias: 'gate bias',
};

const taskTitle = (id: string) => TASKS[id as TaskId]?.title ?? id;

/**
 * What the workspace should say about the settings in `search` under `challenge`: that they come from
 * another task (FROM_TASK_PARAM), and which settings it clamped or left out (runConfigFromSearch against
 * the engine's own limits). Null when the link changed nothing worth saying. Pure.
 */
export function settingsLinkNotice(search: URLSearchParams, challenge: Challenge): SettingsLinkNotice | null {
  const wide: Challenge = {
    ...challenge,
    bounds: ENGINE_LIMITS,
    allowedCells: [...CELLS],
    allowedOptimizers: [...OPTIMIZERS],
    allowedInits: [...INITS],
  };
  const asked = runConfigFromSearch(search, wide);
  const used = runConfigFromSearch(search, challenge);
  const adjusted = (Object.keys(NAMES) as (keyof typeof NAMES)[]).flatMap((field) => {
    const [from, to] = [asked[field], used[field]];
    if (from === undefined || from === to) return [];
    const shown = (v: string | number) => (field === 'cell' ? String(v).toUpperCase() : String(v));
    return to === undefined
      ? [`${NAMES[field]} ${shown(from)} is not allowed here: the challenge's default is used`]
      : [`${NAMES[field]} ${shown(from)} → ${shown(to)}`];
  });
  const linked = search.get(FROM_TASK_PARAM);
  const otherTask = linked !== null && linked !== challenge.task.id ? taskTitle(linked) : null;
  if (otherTask === null && adjusted.length === 0) return null;
  return { otherTask, task: taskTitle(challenge.task.id), adjusted };
}
