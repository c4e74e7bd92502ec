'use client';

import Link from 'next/link';
import { RoundButtons } from '../../_components/round-buttons';

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
      <RoundButtons
        rounds={rounds}
        current={current}
        shown={shown}
        onShow={onShow}
        currentSuffix=" (current)"
        testId="host-round-tab"
        large={projector}
      />
      {!projector && (
        <Link href={`/review/${code}`} className="ml-2 text-sky-300 underline">
          Review all rounds: replay, settings, export
        </Link>
      )}
    </nav>
  );
}
