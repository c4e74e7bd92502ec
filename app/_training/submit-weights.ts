import { readError } from '../_realtime/http-error';

/** Tries of one upload: a dropped connection or a busy server gets two more, a refusal none. */
const UPLOAD_TRIES = 3;
/** The wait before the second try; doubled before the third. */
const RETRY_MS = 1_000;

/** Where and as whom a run's weights are submitted: `weightsPath(code, runId)` and the participant key. */
export interface SubmitTarget {
  url: string;
  token: string;
}

/**
 * Uploads a run's weight blob for the server to score on its secret test split. A network failure, a 5xx
 * or a 429 is retried (a retry is harmless: the server keeps the first upload of a run); a refusal is
 * final. Resolves with null once accepted, or with the reason it was not.
 */
export async function submitWeights(target: SubmitTarget, weights: Uint8Array): Promise<string | null> {
  let reason = 'The server could not be reached.';
  for (let attempt = 0; attempt < UPLOAD_TRIES; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 2 ** (attempt - 1)));
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        body: new Blob([new Uint8Array(weights)]),
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${target.token}` },
      });
      if (response.ok) return null;
      reason = await readError(response);
      if (response.status < 500 && response.status !== 429) return reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  return reason;
}
