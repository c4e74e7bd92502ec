import { generateTaskData, TaskChoiceError } from '../../lib/domain/task-data';
import { ErrorCode } from '../../lib/protocol/errors';
import type { TaskCatalog } from './deps';
import type { Store } from '../store/store';
import { ServiceError } from './service-error';

/**
 * Vocabulary sizes, remembered per task choice: generating a task takes a moment, asking is frequent.
 * The instructor's text task reads its text from the store.
 */
export function createTaskCatalog(store: Store): TaskCatalog {
  const vocabSizes = new Map<string, number>();
  return {
    async vocabSize(choice, code) {
      const key = JSON.stringify([choice.id, choice.seed, Object.entries(choice.params).sort()]);
      let size = vocabSizes.get(key);
      if (size === undefined) {
        const textId = choice.params.textId;
        const text = typeof textId === 'string' ? await store.getText(code, textId) : null;
        try {
          size = generateTaskData(choice, (id) => (id === textId && text !== null ? text : undefined)).vocab.length;
        } catch (err) {
          if (err instanceof TaskChoiceError) throw new ServiceError(ErrorCode.BadRequest, err.message);
          throw err;
        }
        vocabSizes.set(key, size);
      }
      return size;
    },
  };
}
