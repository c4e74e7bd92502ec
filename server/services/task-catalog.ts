import { generateTaskData, TaskChoiceError } from '../../lib/domain/task-data';
import { ErrorCode } from '../../lib/protocol/errors';
import type { TaskCatalog } from '../handlers/handler-context';
import { ServiceError } from './service-error';

/** Vocabulary sizes, remembered per task choice: generating a task takes a moment, asking is frequent. */
export function createTaskCatalog(): TaskCatalog {
  const vocabSizes = new Map<string, number>();
  return {
    vocabSize(choice) {
      const key = JSON.stringify([choice.id, choice.seed, Object.entries(choice.params).sort()]);
      let size = vocabSizes.get(key);
      if (size === undefined) {
        try {
          size = generateTaskData(choice).vocab.length;
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
