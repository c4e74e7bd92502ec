import type { ReactNode, RefObject } from 'react';

interface Props {
  /** Accessible name of the figure. */
  label: string;
  testId: string;
  /** Non-visual hints of what is drawn (`data-points`, …) for tests. */
  hints: Record<`data-${string}`, string | number | undefined>;
  /** Where useUplot mounts the chart. */
  containerRef: RefObject<HTMLDivElement | null>;
  /** Shown over the empty plot area; null when there is data. */
  emptyText: string | null;
  /** The figcaption's content, if any. */
  children?: ReactNode;
  captionClassName?: string;
}

/** The panel around a uPlot chart, with the legend restyled for the dark theme. */
export function UplotFigure({ label, testId, hints, containerRef, emptyText, children, captionClassName }: Props) {
  return (
    <figure
      role="figure"
      aria-label={label}
      data-testid={testId}
      {...hints}
      // `!`: uPlot's stylesheet is unlayered, so it beats Tailwind's layered utilities otherwise.
      className="relative m-0 rounded-xl bg-slate-900 p-3 text-slate-300 [&_.u-legend]:text-xs! [&_.u-legend]:text-slate-300!"
    >
      <div ref={containerRef} className="w-full" />
      {emptyText !== null && <p className="absolute inset-x-0 top-1/3 text-center text-slate-400">{emptyText}</p>}
      {children && <figcaption className={captionClassName}>{children}</figcaption>}
    </figure>
  );
}
