import type { TaskChoice } from '../../lib/protocol/challenge';
import type { Store } from '../store/store';

/** What every service needs: the store and a clock. */
export interface ServiceDeps {
  store: Store;
  /** Milliseconds since the Unix epoch. */
  now: () => number;
}

/** What the server needs to know about tasks to check challenges and runs. */
export interface TaskCatalog {
  /**
   * Vocabulary size of the task as configured, in session `code` (whose uploaded texts it may use);
   * rejects with a ServiceError for an unknown task or bad parameters.
   */
  vocabSize(task: TaskChoice, code: string): Promise<number>;
}
