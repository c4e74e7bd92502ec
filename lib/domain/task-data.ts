import { TASKS, type TaskId } from '../data/tasks';
import type { HeldOut, TaskData } from '../data/types';
import type { TaskChoice } from '../protocol/challenge';

/** The task named by a challenge does not exist, or cannot be built with its parameters. */
export class TaskChoiceError extends Error {}

/** Looks up an uploaded text by its id; undefined when this side does not have it. */
export type TextLookup = (textId: string) => string | undefined;

/**
 * The generator's parameters for a choice. The instructor's text travels by id (the text itself is
 * fetched once, not sent in every challenge), so for the text task `textId` is swapped for the text.
 */
function generatorParams(choice: TaskChoice, texts: TextLookup): Record<string, unknown> {
  if (choice.id !== 'text') return choice.params;
  const { textId, ...rest } = choice.params;
  if (typeof textId !== 'string') throw new TaskChoiceError('Upload a text for this task first.');
  const text = texts(textId);
  if (text === undefined) throw new TaskChoiceError('The uploaded text is not available any more; upload it again.');
  return { ...rest, text };
}

/**
 * Generates a challenge's task exactly as every browser and the server will (same seed, same training and
 * validation data), after checking the id and that every parameter is one the task has, with the type of
 * its default. For the text task, `texts` gives the students' share of the text. `heldOut`, the server's
 * secret of the round, decides the test split (see TaskData.test).
 */
export function generateTaskData(choice: TaskChoice, texts: TextLookup = () => undefined, heldOut?: HeldOut): TaskData {
  const definition = (TASKS as Record<string, (typeof TASKS)[TaskId]>)[choice.id];
  if (!definition) throw new TaskChoiceError(`Unknown task "${choice.id}"`);
  const defaults: Record<string, unknown> = {
    ...definition.defaultParams,
    ...(choice.id === 'text' ? { textId: '' } : {}),
  };
  for (const [name, value] of Object.entries(choice.params)) {
    if (!(name in defaults)) throw new TaskChoiceError(`The task "${choice.id}" has no parameter "${name}"`);
    if (typeof value !== typeof defaults[name])
      throw new TaskChoiceError(`The task parameter "${name}" must be a ${typeof defaults[name]}`);
  }
  const params = generatorParams(choice, texts);
  try {
    return definition.generate(choice.seed, params as never, heldOut);
  } catch (err) {
    throw new TaskChoiceError(
      `The task cannot be generated with these parameters: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
