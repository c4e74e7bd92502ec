import { toSessionView, type SessionRecord } from '../../lib/domain/session';
import { ServerEvent } from '../../lib/protocol/events';
import type { SessionView } from '../../lib/protocol/schemas';
import type { RosterDelta } from '../../lib/protocol/session-updates';
import { rooms, type RealtimeContext } from '../context';

/** Session changes come in bursts (a class joining, a host changing settings): members get one update per burst. */
const SESSION_SETTLE_MS = 200;
/** After a failed store read, the changes wait this long before the next try. */
const RETRY_MS = 1_000;

/** The session as its members see it now. */
export async function viewOf(ctx: RealtimeContext, record: SessionRecord): Promise<SessionView> {
  return toSessionView(record, ctx.now(), {
    vocabSize: await ctx.tasks.vocabSize(record.meta.challenge.task, record.meta.code),
  });
}

export interface SessionBroadcaster {
  /** The settings changed (challenge, round, lock, board visibility): members get `session:state`. */
  settingsChanged(code: string): void;
  /** A participant joined or was renamed: members get them in `session:roster`. */
  participantChanged(code: string, participantId: string): void;
  /** A participant was removed: members get their id in `session:roster`. */
  participantRemoved(code: string, participantId: string): void;
  stop(): void;
}

interface Changes {
  settings: boolean;
  upserted: Set<string>;
  removed: Set<string>;
}

/**
 * Tells a session's members what changed, coalesced per session over SESSION_SETTLE_MS: the settings
 * as `session:state` (without the participant list) and participant changes as `session:roster`. Each
 * instance sends the changes it made; the adapter carries them to members on every instance. Joins
 * cost each member one small message per burst instead of the whole list per join.
 */
export function createSessionBroadcaster(ctx: RealtimeContext): SessionBroadcaster {
  const pending = new Map<string, Changes>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const send = async (code: string, changes: Changes) => {
    const record = await ctx.store.getSession(code);
    if (!record) return; // expired or deleted: nobody to tell
    const view = await viewOf(ctx, record);
    const room = ctx.io.to(rooms.session(code));
    if (changes.settings) {
      const { participants, ...settings } = view;
      room.emit(ServerEvent.SessionState, { ...settings, participantCount: participants.length });
    }
    if (changes.upserted.size > 0 || changes.removed.size > 0) {
      const roster: RosterDelta = {
        upserted: view.participants.filter((p) => changes.upserted.has(p.id)),
        removed: [...changes.removed],
        count: view.participants.length,
      };
      room.emit(ServerEvent.SessionRoster, roster);
    }
  };

  const schedule = (code: string, delayMs: number) => {
    if (timers.has(code)) return;
    const timer = setTimeout(async () => {
      timers.delete(code);
      const changes = pending.get(code);
      pending.delete(code);
      if (!changes) return;
      try {
        await send(code, changes);
      } catch (err) {
        console.error(`[session] update for ${code} failed; trying again`, err);
        const later = changesOf(code);
        later.settings ||= changes.settings;
        for (const id of changes.upserted) later.upserted.add(id);
        for (const id of changes.removed) later.removed.add(id);
        schedule(code, RETRY_MS);
      }
    }, delayMs);
    timer.unref();
    timers.set(code, timer);
  };

  const changesOf = (code: string): Changes => {
    let changes = pending.get(code);
    if (!changes) pending.set(code, (changes = { settings: false, upserted: new Set(), removed: new Set() }));
    return changes;
  };

  return {
    settingsChanged(code) {
      changesOf(code).settings = true;
      schedule(code, SESSION_SETTLE_MS);
    },
    participantChanged(code, participantId) {
      changesOf(code).upserted.add(participantId);
      schedule(code, SESSION_SETTLE_MS);
    },
    participantRemoved(code, participantId) {
      changesOf(code).removed.add(participantId);
      schedule(code, SESSION_SETTLE_MS);
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
