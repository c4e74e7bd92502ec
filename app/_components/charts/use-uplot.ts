'use client';

import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_THEME } from './palette';

interface UplotBinding {
  /** Options without size; called only when the chart is (re)built. */
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  /** The chart is rebuilt when this changes (a series added or removed, a scale switched); otherwise only fed data. */
  structureKey: string;
  /** Plot height in CSS pixels; the width follows the container. */
  height: number;
}

/**
 * Owns one uPlot instance inside the returned container: builds it when `structureKey` or `height`
 * changes, calls setData for every new `data` (cheap enough for several updates a second), follows
 * the container's width with a ResizeObserver, and destroys it on unmount.
 */
export function useUplot({ options, data, structureKey, height }: UplotBinding): RefObject<HTMLDivElement | null> {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const latest = useRef({ options, data });

  // Declared first so the build effect below always sees this render's options and data.
  useEffect(() => {
    latest.current = { options, data };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const width = Math.max(container.clientWidth, 1);
    const plot = new uPlot({ ...latest.current.options(), width, height }, latest.current.data, container);
    plotRef.current = plot;
    const observer = new ResizeObserver((entries) => {
      const next = Math.max(Math.floor(entries[0].contentRect.width), 1);
      if (next !== plot.width) plot.setSize({ width: next, height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [structureKey, height]);

  useEffect(() => {
    const plot = plotRef.current;
    if (plot && plot.data !== data) plot.setData(data);
  }, [data]);

  return containerRef;
}

/** An axis in the dark theme's colours. */
export function themedAxis(label: string): uPlot.Axis {
  return {
    label,
    stroke: CHART_THEME.axis,
    font: CHART_THEME.font,
    labelFont: CHART_THEME.font,
    grid: { stroke: CHART_THEME.grid, width: 1 },
    ticks: { stroke: CHART_THEME.grid, width: 1 },
  };
}

/** Tick spacings for an axis of whole numbers (steps): uPlot would otherwise offer 0.2, 0.5… on short ranges. */
const WHOLE_INCRS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].map((p) => m * p))
  .sort((a, b) => a - b);

/** A themed axis of whole numbers, such as training steps or steps back. */
export function stepAxis(label: string): uPlot.Axis {
  return { ...themedAxis(label), incrs: WHOLE_INCRS };
}
