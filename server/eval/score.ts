import type { HeldOut, TaskData } from '../../lib/data/types';
import { generateTaskData } from '../../lib/domain/task-data';
import { modelConfigOf } from '../../lib/domain/run-model';
import { evaluateSplit } from '../../lib/model/evaluate';
import { RnnModel } from '../../lib/model/model';
import { decodeWeights, shapeMismatch } from '../../lib/model/weights-io';
import type { RunConfig, TaskChoice } from '../../lib/protocol/challenge';

/** What scoring one run's weights needs: the blob, the run's configuration and its round's data. */
export interface ScoreRequest {
  weights: Uint8Array;
  config: RunConfig;
  task: TaskChoice;
  /** The students' share of the instructor's text (the text task), else null. */
  sharedText: string | null;
  heldOut: HeldOut;
}

/** The server's scores of a run's weights: losses in bits per token, accuracy 0..1. */
export interface Scores {
  testLoss: number;
  testAccuracy: number;
  valLoss: number;
}

/** The round's data as the server sees it: the students' training and validation data, the secret test split. */
export function roundData(request: Omit<ScoreRequest, 'weights' | 'config'>): TaskData {
  return generateTaskData(request.task, () => request.sharedText ?? undefined, request.heldOut);
}

/**
 * Rebuilds the run's model from its weights and scores it as the student's browser measures validation
 * (lib/model/evaluate.ts, windows of the run's seqLength), on the secret test split and on the validation
 * split. Throws when the weights do not decode or do not fit the configuration. Synchronous and
 * CPU-bound: call it off the event loop (see eval-pool.ts). Frees every tensor it makes.
 */
export function scoreWeights(request: ScoreRequest, data: TaskData): Scores {
  const { shape, weights } = decodeWeights(request.weights);
  const { config } = request;
  const modelConfig = modelConfigOf(config, data.vocab.length);
  const mismatch = shapeMismatch(shape, modelConfig);
  if (mismatch) throw new Error(`the weights do not fit the run: ${mismatch}`);
  const model = new RnnModel(modelConfig, weights);
  try {
    const scoring = { candidateSets: data.accuracy.candidateSets, lossTargets: data.loss?.targets };
    const test = evaluateSplit(model, data.test, scoring, config.seqLength);
    const validation = evaluateSplit(model, data.validation, scoring, config.seqLength);
    return { testLoss: test.valLoss, testAccuracy: test.accuracy, valLoss: validation.valLoss };
  } finally {
    model.dispose();
  }
}
