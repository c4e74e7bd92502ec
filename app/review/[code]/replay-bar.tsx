'use client';

import { useEffect, useId } from 'react';
import { formatDuration } from '../../_components/training/format';

/** A frame of the replay: often enough to look like motion, rare enough to leave a 200-run board cheap. */
const FRAME_MS = 100;
/** A whole round plays in this long, however long it was. */
const PLAY_THROUGH_MS = 20_000;

interface Props {
  /** The round's length in ms. */
  duration: number;
  /** Ms since the round's start. */
  position: number;
  playing: boolean;
  onSeek: (position: number) => void;
  onPlayingChange: (playing: boolean) => void;
  /** Validation points on the board at this position. */
  points: number;
}

/**
 * Scrubs a round: a slider over its length, a play button that runs the whole round in twenty seconds,
 * and "End" for the board as it ended. Moving the slider pauses the playback.
 */
export function ReplayBar({ duration, position, playing, onSeek, onPlayingChange, points }: Props) {
  const sliderId = useId();

  useEffect(() => {
    if (!playing) return;
    const stride = Math.max(1, (duration * FRAME_MS) / PLAY_THROUGH_MS);
    // One frame per render: the next is scheduled once this position is on screen.
    const timer = setTimeout(() => {
      const next = Math.min(duration, position + stride);
      onSeek(next);
      if (next >= duration) onPlayingChange(false);
    }, FRAME_MS);
    return () => clearTimeout(timer);
  }, [playing, position, duration, onSeek, onPlayingChange]);

  const play = () => {
    // Playing from the end starts the race over.
    if (position >= duration) onSeek(0);
    onPlayingChange(!playing);
  };
  const speed = Math.max(1, Math.round(duration / PLAY_THROUGH_MS));

  return (
    <div className="flex flex-wrap items-center gap-4 rounded-xl bg-slate-900 p-4" data-testid="replay">
      <button
        type="button"
        onClick={play}
        className="w-24 rounded-lg bg-sky-500 px-4 py-2 font-semibold text-slate-950"
        aria-label={playing ? 'Pause the replay' : 'Play the round'}
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <label htmlFor={sliderId} className="text-slate-300">
        Replay
      </label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={Math.max(1, duration)}
        step={Math.max(1, Math.round(duration / 1000))}
        value={Math.min(position, duration)}
        aria-valuetext={`${formatDuration(position)} of ${formatDuration(duration)}`}
        onChange={(e) => {
          onPlayingChange(false);
          onSeek(Number(e.target.value));
        }}
        className="min-w-48 flex-1 accent-sky-400"
        data-testid="replay-slider"
      />
      <span className="font-mono tabular-nums text-slate-200" data-testid="replay-time">
        {formatDuration(position)} / {formatDuration(duration)}
      </span>
      <button
        type="button"
        onClick={() => {
          onPlayingChange(false);
          onSeek(duration);
        }}
        className="rounded-lg bg-slate-800 px-3 py-2 hover:bg-slate-700"
      >
        End
      </button>
      <span className="text-sm text-slate-300">
        <span data-testid="replay-points">{points}</span> validation points · plays at {speed}× speed
      </span>
    </div>
  );
}
