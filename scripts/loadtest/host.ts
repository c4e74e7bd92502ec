import { ClientEvent, ServerEvent } from '../../lib/protocol/events';
import type { BoardDelta } from '../../lib/protocol/board';
import type { SessionCreateReply } from '../../lib/protocol/schemas';
import { expectOk, type TestSocket } from '../../tests/helpers/test-client';
import type { Connections } from './connection';

/** Steps per run the load test allows: far more than any stream of MAX_POINTS_PER_RUN points needs. */
const LOAD_BUDGET_STEPS = 100_000;

/** When and how often the host received one curve point. */
interface Receipt {
  firstAt: number;
  count: number;
}

/**
 * The simulated host: opens a class whose challenge cannot run out during the test (a large step budget,
 * no time limit), starts a round and records every curve point that arrives in `board:delta`.
 */
export class SimHost {
  /** Per run id and step: when the point first arrived (performance.now() ms) and how often. */
  readonly receipts = new Map<string, Map<number, Receipt>>();
  deltas = 0;
  sessionStates = 0;

  private constructor(
    readonly socket: TestSocket,
    readonly code: string,
  ) {
    socket.on(ServerEvent.SessionState, () => void this.sessionStates++);
    socket.on(ServerEvent.BoardDelta, (delta) => this.record(delta));
  }

  /** Connects to `url`, creates the session, sets the challenge and starts round 1; throws on any refusal. */
  static async open(url: string, connections: Connections): Promise<SimHost> {
    const socket = await connections.connect(url);
    if (!socket) throw new Error(`the host could not connect to ${url}`);
    const created = await expectOk<SessionCreateReply>(socket, ClientEvent.SessionCreate, {});
    const challenge = { ...created.session.challenge, budgetSteps: LOAD_BUDGET_STEPS, timeLimitS: 0 };
    await expectOk(socket, ClientEvent.ChallengeSet, { challenge });
    await expectOk(socket, ClientEvent.RoundStart, {});
    return new SimHost(socket, created.code);
  }

  private record(delta: BoardDelta): void {
    const at = performance.now();
    this.deltas++;
    for (const [runId, curve] of Object.entries(delta.curves ?? {})) {
      if (!Array.isArray(curve)) continue;
      let steps = this.receipts.get(runId);
      if (!steps) this.receipts.set(runId, (steps = new Map()));
      for (const point of curve) {
        if (!Array.isArray(point) || typeof point[0] !== 'number') continue;
        const seen = steps.get(point[0]);
        if (seen) seen.count++;
        else steps.set(point[0], { firstAt: at, count: 1 });
      }
    }
  }

  /** Distinct curve points received so far. */
  get pointsReceived(): number {
    let n = 0;
    for (const steps of this.receipts.values()) n += steps.size;
    return n;
  }

  /** How often each run's points arrived, per run id and step. */
  receiptCounts(): Map<string, Map<number, number>> {
    return new Map(
      [...this.receipts].map(([runId, steps]) => [runId, new Map([...steps].map(([step, r]) => [step, r.count]))]),
    );
  }

  /** Resolves once `expected` distinct points have arrived or `deadline` (performance.now() ms) passed. */
  async waitFor(expected: number, deadline: number): Promise<void> {
    while (this.pointsReceived < expected && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
