import { VERIFY_TOLERANCE } from '../protocol/verification';

/**
 * Whether a run's reported best validation loss (bits per token; null: none reported) beats the server's
 * own validation loss of its submitted weights by more than VERIFY_TOLERANCE. Pure.
 */
export function isFlagged(reportedValLoss: number | null, serverValLoss: number): boolean {
  return reportedValLoss !== null && reportedValLoss < serverValLoss * (1 - VERIFY_TOLERANCE);
}
