import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';

/**
 * The default challenge with a small LSTM (16 units, batches of 8 sequences of 20), whose runs train in
 * seconds in headless Chromium on the wasm backend; `budgetSteps` training steps per run.
 */
export function quickChallenge(title: string, budgetSteps: number) {
  return {
    ...DEFAULT_CHALLENGE,
    title,
    budgetSteps,
    defaults: {
      ...DEFAULT_CHALLENGE.defaults,
      cell: 'lstm' as const,
      hiddenSize: 16,
      embeddingSize: 8,
      batchSize: 8,
      seqLength: 20,
    },
  };
}
