import { shareText } from '../../lib/data/text';
import { generateTaskData, TaskChoiceError } from '../../lib/domain/task-data';
import { ErrorCode } from '../../lib/protocol/errors';
import type { TaskChoice } from '../../lib/protocol/challenge';
import type { Store } from '../store/store';
import type { TaskCatalog } from './deps';
import { ServiceError } from './service-error';

/** Vocabulary sizes remembered; the least recently asked one is forgotten past this many. */
const MAX_REMEMBERED = 256;

/**
 * What the vocabulary depends on. The text task's does not depend on the seed (see generateText), so
 * new seeds over one text cost nothing; every other choice is keyed whole.
 */
function vocabularyKey(choice: TaskChoice): string {
  const params = Object.entries(choice.params).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([choice.id, choice.id === 'text' ? null : choice.seed, params]);
}

/**
 * Vocabulary sizes, remembered per task choice (least recently used first out): generating a task takes
 * a moment, asking is frequent. The instructor's text task reads its text from the store.
 */
export function createTaskCatalog(store: Store): TaskCatalog {
  const vocabSizes = new Map<string, number>();
  return {
    async vocabSize(choice, code) {
      const key = vocabularyKey(choice);
      let size = vocabSizes.get(key);
      if (size === undefined) {
        const textId = choice.params.textId;
        const stored = typeof textId === 'string' ? await store.getText(code, textId) : null;
        // The vocabulary is the students' share's, the one their browsers build.
        const text = stored === null ? null : shareText(stored).shared;
        try {
          size = generateTaskData(choice, (id) => (id === textId && text !== null ? text : undefined)).vocab.length;
        } catch (err) {
          if (err instanceof TaskChoiceError) throw new ServiceError(ErrorCode.BadRequest, err.message);
          throw err;
        }
      }
      // Re-inserted on every use, so the Map's first key is the least recently used.
      vocabSizes.delete(key);
      vocabSizes.set(key, size);
      if (vocabSizes.size > MAX_REMEMBERED) vocabSizes.delete(vocabSizes.keys().next().value as string);
      return size;
    },
  };
}
