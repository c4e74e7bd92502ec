'use client';

import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The height (CSS px) from the top of `ref`'s element down to the bottom of the viewport, less
 * `bottomPx`, and never under `minPx`; null when `enabled` is false. It follows window resizes and
 * anything above the element changing height, so a panel can fill whatever a wall screen leaves.
 */
export function useFillHeight(
  enabled: boolean,
  bottomPx: number,
  minPx: number,
): { ref: RefObject<HTMLDivElement | null>; height: number | null } {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!enabled || !element) {
      setHeight(null);
      return;
    }
    const measure = () => {
      const top = element.getBoundingClientRect().top;
      setHeight(Math.max(minPx, Math.floor(window.innerHeight - top - bottomPx)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [enabled, bottomPx, minPx]);
  return { ref, height };
}
