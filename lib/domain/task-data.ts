import { TASKS, type TaskId } from '../data/tasks';
import type { TaskData } from '../data/types';
import type { TaskChoice } from '../protocol/challenge';

/** The task named by a challenge does not exist, or cannot be built with its parameters. */
export class TaskChoiceError extends Error {}

/**
 * Generates a challenge's task exactly as every browser and the server will (same seed, same data),
 * after checking the id and that every parameter is one the task has, with the type of its default.
 */
export function generateTaskData(choice: TaskChoice): TaskData {
  const definition = (TASKS as Record<string, (typeof TASKS)[TaskId]>)[choice.id];
  if (!definition) throw new TaskChoiceError(`Unknown task "${choice.id}"`);
  const defaults = definition.defaultParams as Record<string, unknown>;
  for (const [name, value] of Object.entries(choice.params)) {
    if (!(name in defaults)) throw new TaskChoiceError(`The task "${choice.id}" has no parameter "${name}"`);
    if (typeof value !== typeof defaults[name]) throw new TaskChoiceError(`The task parameter "${name}" must be a ${typeof defaults[name]}`);
  }
  try {
    return definition.generate(choice.seed, choice.params as never);
  } catch (err) {
    throw new TaskChoiceError(`The task cannot be generated with these parameters: ${err instanceof Error ? err.message : String(err)}`);
  }
}
