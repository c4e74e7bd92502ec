import { runConfigViolations } from '../../lib/domain/challenge';
import type { SessionRecord } from '../../lib/domain/session';
import { ErrorCode } from '../../lib/protocol/errors';
import type { RunConfig } from '../../lib/protocol/challenge';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import type { Store } from '../store/store';
import { ServiceError } from './service-error';
import type { ServiceDeps } from './session-service';

/**
 * Starts a run for a participant in the running round. Retrying with the same run id returns the
 * existing run, so a start whose ack was lost can be sent again safely.
 */
export async function startRun(
  { store, now }: ServiceDeps,
  record: SessionRecord,
  participantId: string,
  runId: string,
  config: RunConfig,
  vocabSize: number,
): Promise<RunView> {
  const { challenge, round } = record.meta;
  const code = record.meta.code;
  if (round.status !== 'running') throw new ServiceError(ErrorCode.RoundNotRunning, 'No round is running: wait for the instructor to start one.');
  const violations = runConfigViolations(challenge, config, vocabSize);
  if (violations.length > 0) {
    const issues = violations.map((v) => ({ path: `config.${v.field}`, message: v.message }));
    throw new ServiceError(ErrorCode.BadRequest, `${violations[0].field}: ${violations[0].message}`, issues);
  }
  const run: RunView = { id: runId, participantId, round: round.index, config, status: 'running', startedAt: now(), lastStep: 0, best: null };
  const result = await store.createRun(code, run, challenge.runsPerStudent);
  if (result === 'limit') throw new ServiceError(ErrorCode.RunLimit, `This challenge allows ${challenge.runsPerStudent} runs per student.`);
  if (result === 'round-not-running') throw new ServiceError(ErrorCode.RoundNotRunning, 'The round has ended.');
  const stored = await store.getRun(code, runId);
  if (!stored || stored.participantId !== participantId) throw new ServiceError(ErrorCode.Forbidden, 'That run id is taken.');
  return stored;
}

/** The run, if it belongs to this participant and to the session's current round. */
export async function requireOwnRun(store: Store, record: SessionRecord, participantId: string, runId: string): Promise<RunView> {
  const run = await store.getRun(record.meta.code, runId);
  if (!run || run.participantId !== participantId) throw new ServiceError(ErrorCode.RunNotFound, 'No such run of yours in this class.');
  if (run.round !== record.meta.round.index) throw new ServiceError(ErrorCode.RoundNotRunning, 'That run belongs to an earlier round.');
  return run;
}

/**
 * Stores a batch of metric points of one of the participant's runs in the current round. Steps beyond the
 * challenge's budget are refused. Points already stored (a resend after a reconnect) are skipped.
 */
export async function recordMetrics(
  { store, now }: ServiceDeps,
  record: SessionRecord,
  participantId: string,
  runId: string,
  points: MetricPoint[],
): Promise<number> {
  await requireOwnRun(store, record, participantId, runId);
  const budget = record.meta.challenge.budgetSteps;
  const over = points.find((p) => p.step > budget);
  if (over) throw new ServiceError(ErrorCode.BadRequest, `Step ${over.step} is beyond this challenge's budget of ${budget} steps.`);
  const seqs = new Set(points.map((p) => p.seq));
  if (seqs.size !== points.length) throw new ServiceError(ErrorCode.BadRequest, 'Two points in one batch share a sequence number.');
  return store.appendPoints(record.meta.code, runId, points, now());
}

export async function finishRun(store: Store, record: SessionRecord, participantId: string, runId: string, outcome: 'completed' | 'stopped'): Promise<RunView> {
  await requireOwnRun(store, record, participantId, runId);
  await store.finishRun(record.meta.code, runId, outcome);
  return (await store.getRun(record.meta.code, runId)) as RunView;
}
