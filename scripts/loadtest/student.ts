import { MetricsOutbox } from '../../app/_realtime/metrics-outbox';
import type { RunConfig } from '../../lib/protocol/challenge';
import { ClientEvent } from '../../lib/protocol/events';
import {
  MAX_POINTS_PER_RUN,
  type MetricPoint,
  type RunMetricsReply,
  type RunMineReply,
  type RunView,
} from '../../lib/protocol/run';
import type { SessionJoinReply, SessionResumeReply } from '../../lib/protocol/schemas';
import type { TestSocket } from '../../tests/helpers/test-client';
import type { Connections } from './connection';

/** The training step a point reports: distinct per seq, so the host's curve points match by run and step. */
export const stepOf = (seq: number) => (seq + 1) * 10;

/** A plausible point: the validation loss decays, so the host's curves look like a class's. */
function pointAt(seq: number, hz: number): Omit<MetricPoint, 'seq'> {
  const valLoss = 0.5 + 3.5 * Math.exp(-seq / 200);
  return { step: stepOf(seq), elapsedMs: Math.round((seq * 1000) / hz), trainLoss: valLoss + 0.05, valLoss };
}

/**
 * One simulated student: joins with a unique nickname, starts one run with the challenge's default
 * configuration, and streams points through the browser's own MetricsOutbox (a point stays queued until
 * acknowledged, and is resent with the next flush otherwise).
 */
export class SimStudent {
  socket: TestSocket | null = null;
  joinSentAt: number | null = null;
  joinAckedAt: number | null = null;
  readonly runId: string;
  /** performance.now() ms at which each seq was first sent. */
  readonly firstSent = new Map<number, number>();
  private credentials: SessionJoinReply | null = null;
  private outbox: MetricsOutbox | null = null;
  private made = 0;

  constructor(
    readonly index: number,
    readonly url: string,
    private readonly connections: Connections,
    /** Round-trip times of acknowledged `run:metrics` batches, ms, shared by every student. */
    private readonly ackMs: number[],
  ) {
    this.runId = `loadtest-run-${String(index).padStart(6, '0')}`;
  }

  /** Connects and sends `session:join`; `joinAckedAt` is set once the join is acknowledged. */
  async join(code: string): Promise<void> {
    this.socket = await this.connections.connect(this.url);
    if (!this.socket) return;
    const nickname = `Load ${this.index + 1}`;
    this.joinSentAt = performance.now();
    this.credentials = await this.connections.request<SessionJoinReply>(this.socket, ClientEvent.SessionJoin, {
      code,
      nickname,
    });
    if (this.credentials) this.joinAckedAt = performance.now();
  }

  /** Whether `run:start` was acknowledged. */
  get running(): boolean {
    return this.outbox !== null;
  }

  /** Sends `run:start` with the session's default configuration and its own seed. */
  async startRun(): Promise<void> {
    if (!this.socket || !this.credentials) return;
    const config: RunConfig = { ...this.credentials.session.challenge.defaults, seed: this.index };
    const started = await this.connections.request<{ run: RunView }>(this.socket, ClientEvent.RunStart, {
      runId: this.runId,
      config,
    });
    if (started) this.outbox = new MetricsOutbox(this.runId, (runId, points) => this.sendBatch(runId, points));
  }

  private async sendBatch(runId: string, points: MetricPoint[]): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new Error('not connected');
    const sentAt = performance.now();
    for (const { seq } of points) if (!this.firstSent.has(seq)) this.firstSent.set(seq, sentAt);
    const reply = await this.connections.request<RunMetricsReply>(socket, ClientEvent.RunMetrics, { runId, points });
    if (!reply) throw new Error('run:metrics failed');
    this.ackMs.push(performance.now() - sentAt);
  }

  /** Makes the next point and flushes the outbox; false once the run has no more points to make. */
  tick(hz: number): boolean {
    if (!this.outbox || this.made >= MAX_POINTS_PER_RUN) return false;
    this.outbox.add(pointAt(this.made++, hz));
    void this.outbox.flush();
    return this.made < MAX_POINTS_PER_RUN;
  }

  /** Points the server has acknowledged. */
  get acked(): number {
    return this.outbox?.acknowledged ?? 0;
  }

  /** Keeps flushing until every point is acknowledged or `deadline` (performance.now() ms) has passed. */
  async settle(deadline: number): Promise<void> {
    while (this.outbox && this.outbox.backlog > 0 && performance.now() < deadline) {
      if (!(await this.outbox.flush())) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * The seqs the server stored for this student's run (`run:mine`), reconnecting and resuming first if
   * the connection dropped; null if they could not be read.
   */
  async readStored(code: string): Promise<number[] | null> {
    if (!this.credentials) return null;
    if (!this.socket?.connected) {
      this.socket = await this.connections.connect(this.url);
      if (!this.socket) return null;
      const { participantId, token } = this.credentials;
      const resumed = await this.connections.request<SessionResumeReply>(this.socket, ClientEvent.SessionResume, {
        role: 'student',
        code,
        participantId,
        token,
      });
      if (!resumed) return null;
    }
    const mine = await this.connections.request<RunMineReply>(this.socket, ClientEvent.RunMine, {});
    return mine ? (mine.points[this.runId] ?? []).map((p) => p.seq) : null;
  }
}

/**
 * Every student with a run makes one point every 1/hz seconds for `seconds` (or until its run is full, or
 * `stop()` says so), each on its own timer started at a random offset within the first period, as real
 * laptops would.
 */
export async function streamAll(
  students: readonly SimStudent[],
  hz: number,
  seconds: number,
  stop: () => boolean = () => false,
): Promise<void> {
  const periodMs = 1000 / hz;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    students.map(
      (student) =>
        new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const step = () => {
            if (performance.now() < end && !stop() && student.tick(hz)) return;
            clearInterval(timer);
            resolve();
          };
          setTimeout(() => {
            timer = setInterval(step, periodMs);
            step();
          }, Math.random() * periodMs);
        }),
    ),
  );
}
