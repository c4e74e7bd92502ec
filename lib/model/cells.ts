import type { CellStep } from './cell-types';
import { gruStep } from './gru-cell';
import type { CellKind } from './kinds';
import { lstmStep } from './lstm-cell';
import { rnnStep } from './rnn-cell';

/** The time-step implementation of each cell; their equations are in MATHS.md and atop each file. */
export const CELL_STEPS: Record<CellKind, CellStep> = { rnn: rnnStep, lstm: lstmStep, gru: gruStep };
