import './zod-setup';
import { z } from 'zod';

/** Statuses of the server's re-scoring of a run's submitted weights. */
export const VERIFICATION_STATUSES = ['pending', 'done', 'failed'] as const;

/**
 * The server's own scores of a run's submitted weights (the best-validation weights the student's browser
 * uploaded), on the round's secret test split. Losses in bits per token, accuracies 0..1. `flagged`: the
 * run's reported best validation loss is lower than the server's own validation loss of these weights by
 * more than the tolerance (VERIFY_TOLERANCE). `message` says why a verification failed.
 */
export const verificationSchema = z
  .object({
    status: z.enum(VERIFICATION_STATUSES),
    testLoss: z.number().finite().min(0).optional(),
    testAccuracy: z.number().finite().min(0).max(1).optional(),
    valLoss: z.number().finite().min(0).optional(),
    flagged: z.boolean().optional(),
    message: z.string().max(500).optional(),
  })
  .strict();
export type Verification = z.infer<typeof verificationSchema>;

/** Reply of the weights upload (`POST /api/sessions/<code>/runs/<runId>/weights`): queued for scoring. */
export interface WeightsUploadReply {
  status: 'pending';
}

/**
 * A reported best validation loss lower than the server's by more than this share is flagged (2%): the
 * same weights on the same validation split give the same loss up to float rounding and backend
 * differences, far below this.
 */
export const VERIFY_TOLERANCE = 0.02;
