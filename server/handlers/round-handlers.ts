import { challengeProblems } from '../../lib/domain/challenge';
import { ClientEvent } from '../../lib/protocol/events';
import { challengeSetRequest, roundEndRequest, roundStartRequest } from '../../lib/protocol/schemas';
import { endRound, setChallenge, startRound } from '../services/round-service';
import { requireSession } from '../services/session-service';
import { request, requireHost, type ArenaSocket, type HandlerContext } from './handler-context';
import { broadcastSession } from './session-handlers';

/** `challenge:set`, `round:start`, `round:end`: the host runs the class in rounds. */
export function registerRoundHandlers(ctx: HandlerContext, socket: ArenaSocket, allow: () => boolean): void {
  socket.on(
    ClientEvent.ChallengeSet,
    request(allow, challengeSetRequest, async ({ challenge }) => {
      const code = requireHost(socket);
      await setChallenge(
        ctx.store,
        code,
        challenge,
        challengeProblems(challenge, await ctx.tasks.vocabSize(challenge.task, code)),
      );
      await broadcastSession(ctx, await requireSession(ctx.store, code));
      return {};
    }),
  );

  socket.on(
    ClientEvent.RoundStart,
    request(allow, roundStartRequest, async () => {
      const code = requireHost(socket);
      const record = await requireSession(ctx.store, code);
      const round = await startRound(ctx, code, record.meta.challenge);
      await broadcastSession(ctx, await requireSession(ctx.store, code));
      return { round };
    }),
  );

  socket.on(
    ClientEvent.RoundEnd,
    request(allow, roundEndRequest, async () => {
      const code = requireHost(socket);
      const { round } = (await requireSession(ctx.store, code)).meta;
      const ended = await endRound(ctx, code, round.index);
      const record = await requireSession(ctx.store, code);
      if (ended) await broadcastSession(ctx, record);
      return { round: record.meta.round };
    }),
  );
}

/** How often each instance looks for rounds whose time is up; rounds end at most this late. */
const ROUND_SWEEP_MS = 1_000;

/**
 * Ends timed rounds when their deadline passes. Every instance runs one; the store's compare-and-set
 * makes exactly one of them end each round, and the deadline lives in the store, so a round still ends
 * when the instance that started it is gone. Returns a function that stops the clock.
 */
export function startRoundClock(ctx: HandlerContext): () => void {
  let sweeping = false;
  const timer = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const { code, index } of await ctx.store.dueRounds(ctx.now())) {
        if (await endRound(ctx, code, index)) await broadcastSession(ctx, await requireSession(ctx.store, code));
      }
    } catch (err) {
      console.error('[round-clock]', err);
    } finally {
      sweeping = false;
    }
  }, ROUND_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
