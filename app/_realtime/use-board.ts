'use client';

import { startTransition, useEffect, useState } from 'react';
import { applyBoardDelta, hostBoard, runsWithGaps, type HostBoard } from '@/lib/domain/board-merge';
import type { BoardDelta, BoardSnapshot } from '@/lib/protocol/board';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { Role } from '@/lib/protocol/schemas';
import { getSocket, send } from './socket-client';

/** Students have no push channel for the board (it is filtered per student); they ask this often, for the runs only. */
const STUDENT_BOARD_POLL_MS = 3_000;
/** How often the host looks for runs whose curve misses points. */
const GAP_CHECK_MS = 1_000;
/** A gap that outlasts this many checks (longer than a push in flight) makes the host load the board again. */
const GAP_CHECKS_BEFORE_RELOAD = 2;

/**
 * The class board of round `round` (0: none yet), once the session is `ready` (joined). Hosts load it
 * once and then apply `board:delta` pushes; when a run's summary counts points the host never received
 * (a push missed, a reconnect), they load it whole again. `ready` turns false while disconnected, so
 * after a reconnect it loads whole again too. Students reload it every few seconds, without curves; once
 * the round has `ended`, they load it once more with curves (for the cell comparison) and stop asking.
 */
export function useBoard(round: number, role: Role, ready: boolean, ended = false): BoardSnapshot | null {
  const [live, setLive] = useState<HostBoard | null>(null);

  useEffect(() => {
    if (!ready || round === 0) return;
    let cancelled = false;
    // The board as this effect last set it: deltas and gap checks read it here, not inside a state updater.
    let current: HostBoard | null = null;
    // A transition: React renders a full class's board in slices between frames instead of one long task.
    const show = (next: HostBoard) => {
      current = next;
      startTransition(() => setLive(next));
    };
    const socket = getSocket();
    const load = () =>
      send(ClientEvent.BoardGet, { round, curves: role === 'host' || ended })
        .then((snapshot) => {
          if (!cancelled) show(hostBoard(snapshot));
        })
        .catch(() => {
          // Offline or refused: the next reconnect, poll or gap check loads it again.
        });
    const onDelta = (delta: BoardDelta) => {
      if (current) show(applyBoardDelta(current, delta));
    };
    let gapChecks = 0;
    const checkGaps = () => {
      gapChecks = current && runsWithGaps(current).length > 0 ? gapChecks + 1 : 0;
      if (gapChecks < GAP_CHECKS_BEFORE_RELOAD) return;
      gapChecks = 0;
      void load();
    };

    void load();
    if (role === 'host') socket.on(ServerEvent.BoardDelta, onDelta);
    const timer =
      role === 'host'
        ? setInterval(checkGaps, GAP_CHECK_MS)
        : ended
          ? undefined
          : setInterval(() => void load(), STUDENT_BOARD_POLL_MS);
    return () => {
      cancelled = true;
      socket.off(ServerEvent.BoardDelta, onDelta);
      clearInterval(timer);
    };
  }, [round, role, ready, ended]);

  const board = live?.board ?? null;
  return board && board.round === round ? board : null;
}
