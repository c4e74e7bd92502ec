'use client';

import { startTransition, useEffect, useState } from 'react';
import { applyBoardDelta } from '@/lib/domain/board-merge';
import type { BoardSnapshot } from '@/lib/protocol/board';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import type { Role } from '@/lib/protocol/schemas';
import { getSocket, send } from './socket-client';

/** Students have no push channel for the board (it is filtered per student); they ask this often, for the runs only. */
const STUDENT_BOARD_POLL_MS = 3_000;

/**
 * The class board of round `round` (0: none yet), once the session is `ready` (joined). Hosts load it
 * once and then apply `board:delta` pushes; `ready` turns false while disconnected, so after a reconnect
 * it loads whole again and nothing missed while away is lost. Students reload it every few seconds.
 */
export function useBoard(round: number, role: Role, ready: boolean): BoardSnapshot | null {
  const [board, setBoard] = useState<BoardSnapshot | null>(null);

  useEffect(() => {
    if (!ready || round === 0) return;
    let cancelled = false;
    const socket = getSocket();
    const load = () =>
      send(ClientEvent.BoardGet, { round, curves: role === 'host' })
        .then((snapshot) => {
          if (!cancelled) setBoard(snapshot);
        })
        .catch(() => {
          // Offline or refused: the next reconnect or poll loads it again.
        });
    // A transition: React renders a full class's board in slices between frames instead of one long task.
    const onDelta = (delta: Parameters<typeof applyBoardDelta>[1]) =>
      startTransition(() => setBoard((b) => (b ? applyBoardDelta(b, delta) : b)));

    void load();
    if (role === 'host') socket.on(ServerEvent.BoardDelta, onDelta);
    const poll = role === 'student' ? setInterval(load, STUDENT_BOARD_POLL_MS) : undefined;
    return () => {
      cancelled = true;
      socket.off(ServerEvent.BoardDelta, onDelta);
      clearInterval(poll);
    };
  }, [round, role, ready]);

  return board && board.round === round ? board : null;
}
