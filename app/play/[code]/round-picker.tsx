'use client';

interface Props {
  /** Rounds the student can look at, ascending; the last is the current one. */
  rounds: number[];
  current: number;
  shown: number;
  /** null: follow the current round. */
  onShow: (round: number | null) => void;
}

/**
 * Which round's runs the charts and "Your runs" show: the current one unless the student picks an
 * earlier one, whose runs were trained under that round's challenge (maybe another task).
 */
export function RoundPicker({ rounds, current, shown, onShow }: Props) {
  return (
    <nav aria-label="Your runs by round" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-300">Your runs of</span>
      {rounds.map((round) => (
        <button
          key={round}
          type="button"
          aria-pressed={round === shown}
          onClick={() => onShow(round === current ? null : round)}
          data-testid="own-round-tab"
          className={`rounded-lg px-3 py-1 ${
            round === shown ? 'bg-sky-500 font-semibold text-slate-950' : 'bg-slate-800 hover:bg-slate-700'
          }`}
        >
          Round {round}
          {round === current ? ' (this round)' : ''}
        </button>
      ))}
      {shown !== current && (
        <span className="text-slate-400">
          an earlier round: its runs were trained under that round&apos;s challenge
        </span>
      )}
    </nav>
  );
}
