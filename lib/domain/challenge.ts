import { countParameters } from '../model/config';
import { ENGINE_LIMITS, type BoundedParam, type Challenge, type RunConfig } from '../protocol/challenge';

export interface Violation {
  /** The RunConfig field at fault, or 'parameters' for the size cap. */
  field: keyof RunConfig | 'parameters';
  message: string;
}

const BOUNDED = Object.keys(ENGINE_LIMITS) as BoundedParam[];

/**
 * Why `config` is not allowed by `challenge`, field by field (empty when it is). The form shows these
 * as the student types and the server refuses a run that has any. `vocabSize` is the task's.
 */
export function runConfigViolations(
  challenge: Challenge,
  config: Omit<RunConfig, 'seed'>,
  vocabSize: number,
): Violation[] {
  const out: Violation[] = [];
  if (!challenge.allowedCells.includes(config.cell)) {
    out.push({ field: 'cell', message: `This challenge allows ${challenge.allowedCells.join(', ')} only` });
  }
  if (!challenge.allowedOptimizers.includes(config.optimizer)) {
    out.push({ field: 'optimizer', message: `This challenge allows ${challenge.allowedOptimizers.join(', ')} only` });
  }
  if (!challenge.allowedInits.includes(config.init)) {
    out.push({ field: 'init', message: `This challenge allows ${challenge.allowedInits.join(', ')} only` });
  }
  for (const name of BOUNDED) {
    const { min, max } = challenge.bounds[name];
    const value = config[name];
    if (value < min || value > max) out.push({ field: name, message: `Must be between ${min} and ${max}` });
  }
  const parameters = countParameters({ ...config, vocabSize });
  if (parameters > challenge.maxParameters) {
    out.push({
      field: 'parameters',
      message: `${parameters.toLocaleString('en-US')} parameters; this challenge allows at most ${challenge.maxParameters.toLocaleString('en-US')}`,
    });
  }
  return out;
}

/** Problems with a challenge as a whole: its defaults must be a run it allows. */
export function challengeProblems(challenge: Challenge, vocabSize: number): string[] {
  return runConfigViolations(challenge, challenge.defaults, vocabSize).map((v) => `Default ${v.field}: ${v.message}`);
}
