import { runConfigViolations } from '../../lib/domain/challenge';
import type { SessionMeta } from '../../lib/domain/session';
import { ErrorCode } from '../../lib/protocol/errors';
import type { RunConfig } from '../../lib/protocol/challenge';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import type { Store } from '../store/store';
import { ServiceError } from './service-error';
import type { ServiceDeps } from './deps';

/**
 * Starts a run for a participant in the running round. Retrying with the same run id returns the
 * existing run, so a start whose ack was lost can be sent again safely.
 */
export async function startRun(
  { store, now }: ServiceDeps,
  meta: SessionMeta,
  participantId: string,
  runId: string,
  config: RunConfig,
  vocabSize: number,
): Promise<RunView> {
  const { challenge, round } = meta;
  const code = meta.code;
  if (round.status !== 'running')
    throw new ServiceError(ErrorCode.RoundNotRunning, 'No round is running: wait for the instructor to start one.');
  const violations = runConfigViolations(challenge, config, vocabSize);
  if (violations.length > 0) {
    const issues = violations.map((v) => ({ path: `config.${v.field}`, message: v.message }));
    throw new ServiceError(ErrorCode.BadRequest, `${violations[0].field}: ${violations[0].message}`, issues);
  }
  const run: RunView = {
    id: runId,
    participantId,
    round: round.index,
    config,
    status: 'running',
    startedAt: now(),
    lastStep: 0,
    curvePoints: 0,
    best: null,
    bestAccuracy: null,
  };
  const result = await store.createRun(code, run, challenge.runsPerStudent);
  if (result === 'limit')
    throw new ServiceError(ErrorCode.RunLimit, `This challenge allows ${challenge.runsPerStudent} runs per student.`);
  if (result === 'round-not-running') throw new ServiceError(ErrorCode.RoundNotRunning, 'The round has ended.');
  const stored = await store.getRun(code, runId);
  if (!stored || stored.participantId !== participantId)
    throw new ServiceError(ErrorCode.Forbidden, 'That run id is taken.');
  return stored;
}

/** The run, if it belongs to this participant and to the session's current round. */
export async function requireOwnRun(
  store: Store,
  meta: SessionMeta,
  participantId: string,
  runId: string,
): Promise<RunView> {
  const run = await store.getRun(meta.code, runId);
  if (!run || run.participantId !== participantId)
    throw new ServiceError(ErrorCode.RunNotFound, 'No such run of yours in this class.');
  if (run.round !== meta.round.index)
    throw new ServiceError(ErrorCode.RoundNotRunning, 'That run belongs to an earlier round.');
  return run;
}

/**
 * Stores a batch of metric points of one of the participant's runs in the current round. Steps beyond the
 * challenge's budget are refused. Points already stored (a resend after a reconnect) are skipped; resolves
 * with the points that were new.
 */
export async function recordMetrics(
  { store, now }: ServiceDeps,
  meta: SessionMeta,
  participantId: string,
  runId: string,
  points: MetricPoint[],
): Promise<MetricPoint[]> {
  await requireOwnRun(store, meta, participantId, runId);
  const budget = meta.challenge.budgetSteps;
  const over = points.find((p) => p.step > budget);
  if (over)
    throw new ServiceError(
      ErrorCode.BadRequest,
      `Step ${over.step} is beyond this challenge's budget of ${budget} steps.`,
    );
  const seqs = new Set(points.map((p) => p.seq));
  if (seqs.size !== points.length)
    throw new ServiceError(ErrorCode.BadRequest, 'Two points in one batch share a sequence number.');
  return store.appendPoints(meta.code, runId, points, now());
}

export async function finishRun(
  store: Store,
  meta: SessionMeta,
  participantId: string,
  runId: string,
  outcome: 'completed' | 'stopped',
): Promise<RunView> {
  await requireOwnRun(store, meta, participantId, runId);
  await store.finishRun(meta.code, runId, outcome);
  return (await store.getRun(meta.code, runId)) as RunView;
}
