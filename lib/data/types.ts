/**
 * One split of a task: a token stream the model reads left to right, and the positions where the
 * task's accuracy is measured. `checkPositions[k]` indexes the token to be predicted (from the
 * tokens before it); the prediction counts as right when, among the tokens of candidate set
 * `checkSets[k]`, the model's most probable one is the actual token.
 */
export interface TokenSplit {
  tokens: Int32Array;
  checkPositions: Int32Array;
  checkSets: Int32Array;
}

/**
 * What only the server knows of a round's data: the seed its test split is drawn from (generated
 * tasks), and the slice of the instructor's text that students never receive (the text task).
 */
export interface HeldOut {
  testSeed: number;
  text?: string;
}

/** What every task generator returns. Token ids index `vocab`. */
export interface TaskData {
  vocab: string[];
  /** Joins decoded tokens into text: '' for characters, ' ' for words. */
  separator: string;
  train: TokenSplit;
  validation: TokenSplit;
  /**
   * What the server scores submitted weights on: drawn from the round's secret HeldOut when the
   * generator is given one. Without it (in the browser) a stand-in the student could make anyway.
   */
  test: TokenSplit;
  accuracy: {
    /** What the accuracy measures, for the UI. */
    description: string;
    /** Token-id sets the prediction is restricted to at a check position. */
    candidateSets: number[][];
  };
  /**
   * The tokens whose prediction the validation loss averages over, with what that means for the UI;
   * absent: every token. For a task whose other tokens are random by design, the loss then measures
   * what can be learned, as the accuracy does. Training still predicts every token.
   */
  loss?: { description: string; targets: number[] };
}
