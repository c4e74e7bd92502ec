import type { RealtimeContext } from '../context';
import { endRound } from '../services/round-service';
import type { SessionBroadcaster } from './session-broadcast';

/** How often each instance looks for rounds whose time is up; rounds end at most this late. */
const ROUND_SWEEP_MS = 1_000;

/**
 * Ends timed rounds when their deadline passes. Every instance runs one; the store's compare-and-set
 * makes exactly one of them end each round, and the deadline lives in the store, so a round still ends
 * when the instance that started it is gone. Returns a function that stops the clock.
 */
export function startRoundClock(ctx: RealtimeContext, sessions: SessionBroadcaster): () => void {
  let sweeping = false;
  const timer = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const { code, index } of await ctx.store.dueRounds(ctx.now())) {
        if (await endRound(ctx, code, index)) sessions.settingsChanged(code);
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
