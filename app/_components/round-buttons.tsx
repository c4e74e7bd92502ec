'use client';

export interface RoundButtonsProps {
  /** Rounds to offer, ascending. */
  rounds: number[];
  /** The session's current round: picking it means "follow the current round". */
  current: number;
  /** The round on screen. */
  shown: number;
  /** null: follow the current round. */
  onShow: (round: number | null) => void;
  /** Added to the current round's label, e.g. " (current)". */
  currentSuffix: string;
  testId: string;
  /** Projector type size. */
  large?: boolean;
}

/** One toggle button per round (aria-pressed on the round shown), as the host's tabs and a student's picker use. */
export function RoundButtons({
  rounds,
  current,
  shown,
  onShow,
  currentSuffix,
  testId,
  large = false,
}: RoundButtonsProps) {
  return rounds.map((round) => (
    <button
      key={round}
      type="button"
      aria-pressed={round === shown}
      onClick={() => onShow(round === current ? null : round)}
      data-testid={testId}
      className={`rounded-lg px-3 py-1 ${large ? 'text-lg' : ''} ${
        round === shown ? 'bg-sky-500 font-semibold text-slate-950' : 'bg-slate-800 hover:bg-slate-700'
      }`}
    >
      Round {round}
      {round === current ? currentSuffix : ''}
    </button>
  ));
}
