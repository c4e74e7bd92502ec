import { ADDING_DEFAULTS, generateAdding, type AddingParams } from './adding';
import { AGREEMENT_DEFAULTS, generateAgreement, type AgreementParams } from './agreement';
import { BRACKET_DEFAULTS, generateBrackets, type BracketParams } from './brackets';
import { generateText, TEXT_DEFAULTS, type TextParams } from './text';
import type { HeldOut, TaskData } from './types';

/**
 * The class budget of a task: a fixed number of training steps at a fixed size, so runs on
 * different laptops compare by step. Chosen so one run takes about 1-2 minutes on wasm (see
 * bench:convergence).
 */
interface TaskBudget {
  steps: number;
  seqLength: number;
  batchSize: number;
  hiddenSize: number;
}

/**
 * A task the instructor can pick. `generate` is deterministic in (seed, params, heldOut), in browser and
 * Node; only the server knows a round's HeldOut, which decides the test split alone.
 */
interface TaskDefinition<P> {
  id: string;
  title: string;
  description: string;
  /** Whether the task is meant to show gated cells beating a vanilla RNN on long dependencies. */
  longRange: boolean;
  budget: TaskBudget;
  defaultParams: P;
  generate(seed: number, params?: Partial<P>, heldOut?: HeldOut): TaskData;
}

const BUDGET: TaskBudget = { steps: 1500, seqLength: 64, batchSize: 32, hiddenSize: 64 };

/** Every task, by id. */
export const TASKS = {
  agreement: {
    id: 'agreement',
    title: 'Agreement across clauses',
    description: 'Sentences whose main verb must agree in number with a subject several relative clauses back.',
    longRange: true,
    budget: BUDGET,
    defaultParams: AGREEMENT_DEFAULTS,
    generate: generateAgreement,
  } satisfies TaskDefinition<AgreementParams>,
  brackets: {
    id: 'brackets',
    title: 'Nested brackets',
    description:
      'Balanced brackets of several kinds; each closing bracket must match one opened long before. Its loss counts the closing brackets only: which bracket opens is random.',
    longRange: true,
    budget: BUDGET,
    defaultParams: BRACKET_DEFAULTS,
    generate: generateBrackets,
  } satisfies TaskDefinition<BracketParams>,
  adding: {
    id: 'adding',
    title: 'Delayed recall and adding',
    description: 'A digit marked early must be recalled, or added to a later one, after a delay the instructor sets.',
    longRange: true,
    budget: BUDGET,
    defaultParams: ADDING_DEFAULTS,
    generate: generateAdding,
  } satisfies TaskDefinition<AddingParams>,
  text: {
    id: 'text',
    title: 'Your own text',
    description: 'Character-level language model of a UTF-8 text the instructor uploads.',
    longRange: false,
    budget: { ...BUDGET, steps: 1000 },
    defaultParams: TEXT_DEFAULTS,
    generate: generateText,
  } satisfies TaskDefinition<Omit<TextParams, 'text'> & Partial<Pick<TextParams, 'text'>>>,
} as const;

export type TaskId = keyof typeof TASKS;
export const TASK_IDS = Object.keys(TASKS) as TaskId[];
