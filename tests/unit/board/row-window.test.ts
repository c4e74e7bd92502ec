import { describe, expect, it } from 'vitest';
import { scrollToShow, UNMEASURED_ROWS, visibleRows } from '@/app/_components/board/row-window';

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan on each side', () => {
    expect(visibleRows({ scrollTop: 400, viewHeight: 300, rowHeight: 40 }, 200, 2)).toEqual({ start: 8, end: 20 });
  });

  it('stays inside the table at both ends', () => {
    expect(visibleRows({ scrollTop: 0, viewHeight: 300, rowHeight: 40 }, 200, 8)).toEqual({ start: 0, end: 16 });
    expect(visibleRows({ scrollTop: 7_900, viewHeight: 300, rowHeight: 40 }, 200, 8)).toEqual({ start: 189, end: 200 });
    expect(visibleRows({ scrollTop: 0, viewHeight: 300, rowHeight: 40 }, 3, 8)).toEqual({ start: 0, end: 3 });
  });

  it('treats a negative offset (the header still in view) as the top', () => {
    expect(visibleRows({ scrollTop: -36, viewHeight: 120, rowHeight: 40 }, 200, 0)).toEqual({ start: 0, end: 3 });
  });

  it('renders a fixed number of rows until the table has been measured', () => {
    expect(visibleRows({ scrollTop: 0, viewHeight: 0, rowHeight: 0 }, 200)).toEqual({ start: 0, end: UNMEASURED_ROWS });
    expect(visibleRows({ scrollTop: 0, viewHeight: 500, rowHeight: 0 }, 5)).toEqual({ start: 0, end: 5 });
  });
});

describe('scrollToShow', () => {
  const viewport = { scrollTop: 400, viewHeight: 300, rowHeight: 40 };

  it('leaves a fully visible row alone', () => {
    expect(scrollToShow(10, viewport)).toBeNull();
    expect(scrollToShow(16, viewport)).toBeNull();
  });

  it('centres a row that is partly or wholly out of view', () => {
    expect(scrollToShow(17, viewport)).toBe(17 * 40 - 130);
    expect(scrollToShow(100, viewport)).toBe(100 * 40 - 130);
    expect(scrollToShow(9, viewport)).toBe(9 * 40 - 130);
  });

  it('never scrolls above the top', () => {
    expect(scrollToShow(1, { ...viewport, scrollTop: 2_000 })).toBe(0);
  });
});
