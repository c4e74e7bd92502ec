'use client';

import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** Rows rendered before the table has been measured (first paint, or a layout-less renderer). */
export const UNMEASURED_ROWS = 40;
/** Rows rendered beyond each edge of the viewport, so a scroll shows rows before React catches up. */
const OVERSCAN_ROWS = 8;

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

export interface Viewport {
  /** Scroll offset of the container, minus the distance from its top to the first row (CSS px). */
  scrollTop: number;
  viewHeight: number;
  rowHeight: number;
}

/** The rows [start, end) that intersect the viewport, with `overscan` more on each side. */
export function visibleRows(
  { scrollTop, viewHeight, rowHeight }: Viewport,
  count: number,
  overscan = OVERSCAN_ROWS,
): RowWindow {
  if (!(viewHeight > 0 && rowHeight > 0)) return { start: 0, end: Math.min(count, UNMEASURED_ROWS) };
  const start = Math.min(count, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const end = Math.min(count, Math.max(start, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan));
  return { start, end };
}

/** The scroll offset that puts row `index` in the middle of the viewport, or null when it is fully visible already. */
export function scrollToShow(index: number, { scrollTop, viewHeight, rowHeight }: Viewport): number | null {
  const top = index * rowHeight;
  if (top >= scrollTop && top + rowHeight <= scrollTop + viewHeight) return null;
  return Math.max(0, top - (viewHeight - rowHeight) / 2);
}

interface Measured {
  scrollTop: number;
  viewHeight: number;
  rowHeight: number;
  /** Distance from the container's scrollable top to the first row (the table header). */
  bodyTop: number;
}

/**
 * Windowing for a long table of equal-height rows inside the scroll container `scrollRef`: only the rows
 * in view (plus an overscan) are rendered, so a 200-run board lays out ~40 rows per update instead of
 * 200. Row height and header offset are read from the first row under `bodyRef` after each render.
 * Returns the window, the heights of the spacers that stand in for the rows above and below it, and
 * `reveal(index)`, which scrolls a row into view when it is not.
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
): { window: RowWindow; padding: { before: number; after: number }; reveal: (index: number) => void } {
  const [measured, setMeasured] = useState<Measured>({ scrollTop: 0, viewHeight: 0, rowHeight: 0, bodyTop: 0 });

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const read = () =>
      setMeasured((m) =>
        m.scrollTop === scroller.scrollTop && m.viewHeight === scroller.clientHeight
          ? m
          : { ...m, scrollTop: scroller.scrollTop, viewHeight: scroller.clientHeight },
      );
    read();
    scroller.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [scrollRef]);

  useLayoutEffect(() => {
    const row = bodyRef.current?.querySelector<HTMLElement>('[data-row-index]');
    if (!row || !bodyRef.current) return;
    const rowHeight = row.getBoundingClientRect().height;
    const bodyTop = bodyRef.current.offsetTop;
    setMeasured((m) =>
      Math.abs(m.rowHeight - rowHeight) < 0.5 && m.bodyTop === bodyTop ? m : { ...m, rowHeight, bodyTop },
    );
  });

  const viewport: Viewport = {
    scrollTop: measured.scrollTop - measured.bodyTop,
    viewHeight: measured.viewHeight,
    rowHeight: measured.rowHeight,
  };
  const reveal = (index: number) => {
    const scroller = scrollRef.current;
    if (!scroller || !(measured.rowHeight > 0)) return;
    // The sticky header covers the top bodyTop pixels of the viewport.
    const to = scrollToShow(index, {
      scrollTop: measured.scrollTop,
      viewHeight: measured.viewHeight - measured.bodyTop,
      rowHeight: measured.rowHeight,
    });
    if (to !== null) scroller.scrollTo({ top: to, behavior: 'smooth' });
  };
  const rows = visibleRows(viewport, count);
  const padding = { before: rows.start * measured.rowHeight, after: (count - rows.end) * measured.rowHeight };
  return { window: rows, padding, reveal };
}
