'use client';

import type { SessionView } from '@/lib/protocol/schemas';

const STATUS_TEXT = { idle: 'No round yet', running: 'Running', ended: 'Ended' } as const;

/** Start and end rounds of the current challenge. */
export function RoundControls({ session, onStart, onEnd }: { session: SessionView; onStart: () => void; onEnd: () => void }) {
  const { round, challenge } = session;
  return (
    <section aria-label="Round" className="flex flex-wrap items-center gap-4 rounded-xl bg-slate-900 p-4">
      <div>
        <p className="text-sm text-slate-400">Challenge</p>
        <p className="text-xl font-semibold">{challenge.title}</p>
      </div>
      <p className="text-lg" data-testid="round-status">
        Round {round.index || '–'}: {STATUS_TEXT[round.status]}
      </p>
      {round.status === 'running' ? (
        <button type="button" onClick={onEnd} className="rounded-lg bg-red-900 px-4 py-2 text-lg font-semibold">End round</button>
      ) : (
        <button type="button" onClick={onStart} className="rounded-lg bg-emerald-500 px-4 py-2 text-lg font-semibold text-slate-950">
          {round.index === 0 ? 'Start round' : 'Start next round'}
        </button>
      )}
    </section>
  );
}
