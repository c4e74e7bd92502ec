import { shareText } from '../../lib/data/text';
import type { Verification } from '../../lib/protocol/verification';
import type { RealtimeContext } from '../context';
import { EvalError, type EvalPool } from '../eval/eval-pool';
import type { ScoreRequest } from '../eval/score';
import type { QueuedJob, VerifyQueue } from '../store/verify-queue';
import type { BoardPublisher } from './board-publisher';

/** How long one wait for a job lasts before a loop checks whether it should stop. */
const QUEUE_WAIT_MS = 1_000;
/** After the queue itself failed (Redis unreachable), a loop asks again this much later. */
const RETRY_MS = 2_000;

/** What scoring submitted weights needs besides the store. */
export interface VerifyDeps {
  queue: VerifyQueue;
  pool: EvalPool;
  /** A job nobody has held for this long is taken over by another instance (see RedisVerifyQueue). */
  claimIdleMs: number;
  /** Told how long each evaluation took, in milliseconds of the evaluation thread. */
  onEvaluated?: (evalMs: number) => void;
}

type Outcome = Omit<Verification, 'flagged'>;

/** What every job of one round scores against: fixed once the round has started. */
type RoundInputs = Omit<ScoreRequest, 'weights' | 'config'>;
/** Rounds whose inputs a verifier keeps: a burst at a round's end is one class's, one round's. */
const ROUNDS_KEPT = 4;

/** A round's task, shared text and secret held-out data, read from the store; null before secret test data. */
async function readRoundInputs({ store }: RealtimeContext, code: string, round: number): Promise<RoundInputs | null> {
  const [challenges, testSeed] = await Promise.all([store.roundChallenges(code), store.roundTestSeed(code, round)]);
  const challenge = challenges.find((r) => r.round === round)?.challenge;
  if (!challenge || testSeed === null) return null;
  const { textId } = challenge.task.params;
  const text = typeof textId === 'string' ? await store.getText(code, textId) : null;
  const shared = text === null ? null : shareText(text);
  return { task: challenge.task, sharedText: shared?.shared ?? null, heldOut: { testSeed, text: shared?.heldOut } };
}

/**
 * What scoring a job's weights needs (`roundKey` names its round's data), or why they cannot be; null: no
 * run. A round's inputs are read once and kept in `rounds` (a class's burst would otherwise read and split
 * the instructor's text once per upload).
 */
async function scoreRequest(
  ctx: RealtimeContext,
  rounds: Map<string, RoundInputs>,
  job: QueuedJob,
): Promise<{ roundKey: string; request: ScoreRequest } | Outcome | null> {
  const run = await ctx.store.getRun(job.code, job.runId);
  const weights = run && (await ctx.store.getWeights(job.code, job.runId));
  if (!run) return null;
  if (!weights)
    return { status: 'failed', message: 'The weights were lost before they were scored: upload them again.' };
  const roundKey = `${job.code}:${run.round}`;
  let inputs = rounds.get(roundKey) ?? null;
  if (!inputs) {
    inputs = await readRoundInputs(ctx, job.code, run.round);
    if (!inputs) return { status: 'failed', message: 'This round started before the server kept secret test data.' };
    rounds.set(roundKey, inputs);
    if (rounds.size > ROUNDS_KEPT) rounds.delete(rounds.keys().next().value as string);
  }
  return { roundKey, request: { ...inputs, weights, config: run.config } };
}

/**
 * Scores one job's weights in the pool, holding the job meanwhile, and records the outcome (once: if
 * another instance finished it first, nothing changes). An EvalError is the submission's fault and is
 * recorded as failed; any other error leaves the job unacknowledged, to be taken again.
 */
async function verifyJob(
  ctx: RealtimeContext,
  deps: VerifyDeps,
  board: BoardPublisher,
  rounds: Map<string, RoundInputs>,
  job: QueuedJob,
) {
  const scoring = await scoreRequest(ctx, rounds, job);
  let outcome: Outcome | null = scoring && 'status' in scoring ? scoring : null;
  if (scoring && !('status' in scoring)) {
    const heartbeat = setInterval(
      () => deps.queue.hold(job).catch((err: unknown) => console.error('[verify] hold failed', err)),
      deps.claimIdleMs / 3,
    );
    try {
      const { scores, evalMs } = await deps.pool.evaluate(scoring.roundKey, scoring.request);
      deps.onEvaluated?.(evalMs);
      outcome = { status: 'done', ...scores };
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      outcome = { status: 'failed', message: `The weights could not be scored: ${err.message}` };
    } finally {
      clearInterval(heartbeat);
    }
  }
  if (outcome && (await ctx.store.completeVerification(job.code, job.runId, outcome))) board.touch(job.code, job.runId);
  await deps.queue.ack(job);
}

/**
 * Works the verification queue: one loop per evaluation thread, each taking a job, scoring it off the
 * event loop, recording the outcome and telling the board. `stop()` resolves once every loop has stopped
 * (within QUEUE_WAIT_MS, or when its evaluation is done); jobs not acknowledged by then are taken again.
 */
export function startVerifier(ctx: RealtimeContext, deps: VerifyDeps, board: BoardPublisher) {
  let stopped = false;
  const rounds = new Map<string, RoundInputs>();
  const loop = async () => {
    while (!stopped) {
      try {
        const job = await deps.queue.next(QUEUE_WAIT_MS);
        if (job && !stopped) await verifyJob(ctx, deps, board, rounds, job);
      } catch (err) {
        console.error('[verify] a job failed; it will be taken again', err);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  };
  const loops = Array.from({ length: deps.pool.size }, loop);
  return {
    stop: async () => {
      stopped = true;
      await Promise.allSettled(loops);
    },
  };
}
