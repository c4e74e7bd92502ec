import { challengeProblems } from '../../lib/domain/challenge';
import { ClientEvent } from '../../lib/protocol/events';
import { challengeSetRequest, roundEndRequest, roundStartRequest } from '../../lib/protocol/schemas';
import { endRound, setChallenge, startRound } from '../services/round-service';
import { requireSession } from '../services/session-service';
import type { AppContext, ArenaSocket } from '../context';
import { request, requireHost } from './request';

/** `challenge:set`, `round:start`, `round:end`: the host runs the class in rounds. */
export function registerRoundHandlers(ctx: AppContext, socket: ArenaSocket, allow: () => boolean): void {
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
      ctx.sessions.settingsChanged(code);
      return {};
    }),
  );

  socket.on(
    ClientEvent.RoundStart,
    request(allow, roundStartRequest, async () => {
      const code = requireHost(socket);
      const record = await requireSession(ctx.store, code);
      const round = await startRound(ctx, code, record.meta.challenge);
      ctx.sessions.settingsChanged(code);
      return { round };
    }),
  );

  socket.on(
    ClientEvent.RoundEnd,
    request(allow, roundEndRequest, async () => {
      const code = requireHost(socket);
      const { round } = (await requireSession(ctx.store, code)).meta;
      const ended = await endRound(ctx, code, round.index);
      if (ended) ctx.sessions.settingsChanged(code);
      return { round: ended ?? (await requireSession(ctx.store, code)).meta.round };
    }),
  );
}
