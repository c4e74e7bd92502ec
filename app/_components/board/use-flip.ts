'use client';

import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Long enough to follow a row with the eye from the back of the room, short enough for 4 updates a second. */
const MOVE_MS = 240;

/**
 * FLIP animation for reordered children: after each render, every element under `containerRef` that
 * carries `data-flip-key` and moved since the previous render starts at its old place and slides to
 * the new one with a CSS transform transition. Rows keep their DOM nodes (stable keys), so nothing
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
      for (const el of rows) {
        const before = previous.current.get(el.dataset.flipKey ?? '');
        const after = now.get(el.dataset.flipKey ?? '');
        if (before === undefined || after === undefined || before === after) continue;
        el.style.transition = 'none';
        el.style.transform = `translateY(${before - after}px)`;
        // Reading layout here commits the start position before the transition is switched on.
        void el.offsetHeight;
        el.style.transition = `transform ${MOVE_MS}ms ease-out`;
        el.style.transform = '';
      }
    }
    previous.current = now;
  });
}
