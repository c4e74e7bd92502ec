'use client';

import { useEffect, useMemo, useState } from 'react';
import type { SessionView } from '@/lib/protocol/schemas';

const STATUS_TEXT = { idle: 'No round yet', running: 'Running', ended: 'Ended' } as const;
const TICK_MS = 1_000;

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Start and end rounds of the current challenge, with the server-timed countdown when there is one.
 * On the projector it only says where the round stands: the buttons stay on the host's own screen.
 */
export function RoundControls({
  session,
  onStart,
  onEnd,
  projector,
}: {
  session: SessionView;
  onStart: () => void;
  onEnd: () => void;
  projector: boolean;
}) {
  const { round, challenge } = session;
  // The countdown runs on the server's clock: this browser's offset from it, as of the latest view.
  const offset = useMemo(() => session.serverNow - Date.now(), [session.serverNow]);
  const [now, setNow] = useState(() => Date.now());
  // Starting the next round replaces the board on screen: asked once more, with where the old one goes.
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (round.status !== 'running' || round.endsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [round.status, round.endsAt]);

  return (
    <section aria-label="Round" className="flex flex-wrap items-center gap-6 rounded-xl bg-slate-900 p-4">
      <div>
        <p className="text-sm text-slate-400">Challenge</p>
        <p className={projector ? 'text-3xl font-semibold' : 'text-xl font-semibold'}>{challenge.title}</p>
        <p className="text-sm text-slate-400">
          {challenge.budgetSteps} steps per run · cells: {challenge.allowedCells.join(', ').toUpperCase()}
        </p>
      </div>
      <p className={projector ? 'text-3xl' : 'text-lg'} data-testid="round-status">
        Round {round.index || '–'}: {STATUS_TEXT[round.status]}
      </p>
      {round.status === 'running' && round.endsAt !== null && (
        <p className="font-mono text-4xl text-amber-300" role="timer" aria-label="Time left in the round">
          {formatLeft(round.endsAt - (now + offset))}
        </p>
      )}
      {projector ? null : round.status === 'running' ? (
        <button type="button" onClick={onEnd} className="rounded-lg bg-red-900 px-4 py-2 text-lg font-semibold">
          End round
        </button>
      ) : confirming ? (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Confirm the next round">
          <span className="text-slate-200">
            Start round {round.index + 1}? Round {round.index}&apos;s board stays one click away.
          </span>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              onStart();
            }}
            className="rounded-lg bg-emerald-500 px-4 py-2 text-lg font-semibold text-slate-950"
          >
            Start round {round.index + 1}
          </button>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="rounded-lg bg-slate-800 px-4 py-2 hover:bg-slate-700"
          >
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => (round.index === 0 ? onStart() : setConfirming(true))}
          className="rounded-lg bg-emerald-500 px-4 py-2 text-lg font-semibold text-slate-950"
        >
          {round.index === 0 ? 'Start round' : 'Start next round'}
        </button>
      )}
    </section>
  );
}
