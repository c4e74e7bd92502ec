'use client';

import { useState } from 'react';
import type { Challenge } from '@/lib/protocol/challenge';
import type { SessionView } from '@/lib/protocol/schemas';
import { ChallengeBuilder } from './challenge-builder';

/** Where the class stands: before its first round, in a round, or between two. */
export type RoundPhase = 'lobby' | 'running' | 'between';

/** The phase of a session's round; null before the session has loaded. Pure. */
export function roundPhase(round: Pick<SessionView['round'], 'index' | 'status'> | undefined): RoundPhase | null {
  if (!round) return null;
  if (round.status === 'running') return 'running';
  return round.index === 0 ? 'lobby' : 'between';
}

/**
 * Whether "Challenge settings" is open once the phase goes from `before` to `after`: it closes when a
 * round starts (the board needs the room, and nothing can change then), is open in the lobby, starts
 * closed on a page opened between rounds, and otherwise stays as the host left it. Pure.
 */
export function settingsOpenAfter(before: RoundPhase | null, after: RoundPhase | null, open: boolean): boolean {
  if (after === 'running') return false;
  if (after === 'lobby') return true;
  if (before === null && after === 'between') return false;
  return open;
}

interface Props {
  code: string;
  session: SessionView;
  onSave: (challenge: Challenge) => Promise<unknown>;
}

/** The challenge builder in a panel that folds away while a round runs; the host can open it again. */
export function ChallengeSettings({ code, session, onSave }: Props) {
  const phase = roundPhase(session.round);
  const [open, setOpen] = useState(() => settingsOpenAfter(null, phase, true));
  // Adjusted while rendering (React's pattern for state that follows a prop), so it never shows stale.
  const [seenPhase, setSeenPhase] = useState(phase);
  if (phase !== seenPhase) {
    setSeenPhase(phase);
    setOpen(settingsOpenAfter(seenPhase, phase, open));
  }
  return (
    <details
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className="rounded-xl bg-slate-900"
      data-testid="challenge-settings"
    >
      <summary className="cursor-pointer p-4 text-lg">
        Challenge settings
        {phase === 'running' && <span className="text-base text-slate-400"> · locked while the round runs</span>}
      </summary>
      <ChallengeBuilder code={code} challenge={session.challenge} disabled={phase === 'running'} onSave={onSave} />
    </details>
  );
}
