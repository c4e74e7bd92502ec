'use client';

import { RoundButtons, type RoundButtonsProps } from '../../_components/round-buttons';

/** The rounds the student can look at (the last is the current one), the one shown, and the pick. */
type Props = Pick<RoundButtonsProps, 'rounds' | 'current' | 'shown' | 'onShow'>;

/**
 * Which round's runs the charts and "Your runs" show: the current one unless the student picks an
 * earlier one, whose runs were trained under that round's challenge (maybe another task).
 */
export function RoundPicker(props: Props) {
  return (
    <nav aria-label="Your runs by round" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-300">Your runs of</span>
      <RoundButtons {...props} currentSuffix=" (this round)" testId="own-round-tab" />
      {props.shown !== props.current && (
        <span className="text-slate-400">
          an earlier round: its runs were trained under that round&apos;s challenge
        </span>
      )}
    </nav>
  );
}
