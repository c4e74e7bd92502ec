'use client';

import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Long enough to follow a row with the eye from the back of the room, short enough for 4 updates a second. */
const MOVE_MS = 240;
/**
 * Rows that slide per update, longest moves first (the runs that climbed); the rest jump. Sliding a
 * whole 200-row reshuffle took the projector page from 17 ms to 150 ms a frame (median, measured).
 */
const MAX_ANIMATED_ROWS = 12;

/**
 * FLIP animation for reordered children: after each render, every element under `containerRef` that
 * carries `data-flip-key` and moved since the previous render starts at its old place and slides to
 * the new one with a CSS transform transition (at most MAX_ANIMATED_ROWS of them). Rows keep their DOM nodes (stable keys), so nothing
 * re-mounts; with prefers-reduced-motion they simply jump. Side effect: sets inline transform styles.
 */
export function useFlip(containerRef: RefObject<HTMLElement | null>): void {
  const previous = useRef(new Map<string, number>());

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const rows = Array.from(container.querySelectorAll<HTMLElement>('[data-flip-key]'));
    const now = new Map(rows.map((el) => [el.dataset.flipKey ?? '', el.offsetTop]));
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!reduce) {
      const moved = rows
        .flatMap((el) => {
          const key = el.dataset.flipKey ?? '';
          const before = previous.current.get(key);
          const after = now.get(key);
          return before === undefined || after === undefined || before === after ? [] : [{ el, dy: before - after }];
        })
        .sort((a, b) => Math.abs(b.dy) - Math.abs(a.dy))
        .slice(0, MAX_ANIMATED_ROWS);
      // Writes, one forced layout, writes: never a layout per row, which a 200-row reshuffle would make jank.
      for (const { el, dy } of moved) {
        el.style.transition = 'none';
        el.style.transform = `translateY(${dy}px)`;
      }
      if (moved.length > 0) void container.offsetHeight;
      for (const { el } of moved) {
        el.style.transition = `transform ${MOVE_MS}ms ease-out`;
        el.style.transform = '';
      }
    }
    previous.current = now;
  });
}
