import { ServerEvent } from '../../lib/protocol/events';
import { rooms, type ArenaServer } from '../context';

/** Connections come and go in bursts (a class joining, a Wi-Fi blip): hosts get one update per burst. */
const PRESENCE_SETTLE_MS = 300;

export interface PresencePublisher {
  /** Notes that who is connected to the session may have changed. */
  changed(code: string): void;
  stop(): void;
}

/**
 * Tells a session's hosts which participants have an open connection, as `session:presence`. Each
 * instance publishes on its own connects and disconnects, but counts the sockets of every instance
 * (fetchSockets goes through the adapter), so every update is the whole truth.
 */
export function createPresencePublisher(io: ArenaServer): PresencePublisher {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const publish = async (code: string) => {
    timers.delete(code);
    try {
      const sockets = await io.in(rooms.session(code)).fetchSockets();
      const ids = sockets.flatMap((s) => (s.data.code === code && s.data.participantId ? [s.data.participantId] : []));
      io.to(rooms.hosts(code)).emit(ServerEvent.SessionPresence, { online: [...new Set(ids)].sort() });
    } catch (err) {
      console.error('[presence] update failed', err);
    }
  };

  return {
    changed(code) {
      if (timers.has(code)) return;
      const timer = setTimeout(() => void publish(code), PRESENCE_SETTLE_MS);
      timer.unref();
      timers.set(code, timer);
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
