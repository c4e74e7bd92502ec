'use client';

import Link from 'next/link';

interface Props {
  /** The session's current round (live or just ended). */
  current: number;
  /** The round on the board. */
  shown: number;
  /** null: follow the current round. */
  onShow: (round: number | null) => void;
  code: string;
  projector: boolean;
}

/**
 * Every round of the session stays one click away: the current one live, earlier ones as they ended.
 * The review page adds each round's settings, a replay and each run's details.
 */
export function RoundTabs({ current, shown, onShow, code, projector }: Props) {
  const rounds = Array.from({ length: current }, (_, i) => i + 1);
  return (
    <nav aria-label="Rounds" className="flex flex-wrap items-center gap-2">
      {rounds.map((round) => (
        <button
          key={round}
          type="button"
          aria-pressed={round === shown}
          onClick={() => onShow(round === current ? null : round)}
          data-testid="host-round-tab"
          className={`rounded-lg px-3 py-1 ${projector ? 'text-lg' : ''} ${
            round === shown ? 'bg-sky-500 font-semibold text-slate-950' : 'bg-slate-800 hover:bg-slate-700'
          }`}
        >
          Round {round}
          {round === current ? ' (current)' : ''}
        </button>
      ))}
      {!projector && (
        <Link href={`/review/${code}`} className="ml-2 text-sky-300 underline">
          Review all rounds: replay, settings, export
        </Link>
      )}
    </nav>
  );
}
