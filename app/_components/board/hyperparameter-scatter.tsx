'use client';

import { useMemo, useRef, useState, type MouseEvent } from 'react';
import type { BoardRun } from '@/lib/protocol/board';
import { CELL_COLORS, CHART_THEME } from '../charts/palette';
import { useElementWidth } from '../charts/use-element-width';
import { BoardLegend } from './board-legend';
import { CellMarker } from './cell-marker';
import { RunTooltip } from './run-tooltip';
import { formatLearningRate } from './board-format';
import { scatterLayout } from './scatter-layout';
import { jitter, linearScale, logScale, nearestPoint, paddedExtent } from './scales';

interface Props {
  runs: BoardRun[];
  highlightedRunId?: string | null;
  onSelect?: (runId: string) => void;
  /** Lecture-hall mode: larger points and type. */
  projector?: boolean;
}

/** Runs with identical settings would hide each other; spread them this far sideways (CSS px). */
const JITTER_PX = 5;
const HOVER_RADIUS_PX = 18;

interface Dot {
  run: BoardRun;
  x: number;
  y: number;
}

interface PanelProps {
  title: string;
  xLabel: string;
  /** The run's setting on this panel's x axis. */
  pick: (run: ScoredRun) => number;
  /** Log base of the x axis: 10 for learning rates, 2 for hidden sizes. */
  base: number;
  formatX: (v: number) => string;
  runs: ScoredRun[];
  /** Best validation loss range shared by both panels, bits per token. */
  yDomain: [number, number];
  highlightedRunId: string | null;
  projector: boolean;
  onHover: (hit: { run: BoardRun; clientX: number; clientY: number } | null) => void;
  onSelect?: (runId: string) => void;
}

type ScoredRun = BoardRun & { best: NonNullable<BoardRun['best']> };

function ScatterPanel({
  title,
  xLabel,
  pick,
  base,
  formatX,
  runs,
  yDomain,
  highlightedRunId,
  projector,
  onHover,
  onSelect,
}: PanelProps) {
  const [hoverId, setHoverId] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(wrapRef);
  const { width: W, height: H, font, margin: M } = scatterLayout(measured || 360, projector);
  const radius = projector ? 6 : 4.5;
  const { x, y, dots } = useMemo(() => {
    const y = linearScale(yDomain, [H - M.bottom, M.top]);
    const x = logScale(runs.map(pick), [M.left + 8, W - M.right - 8], base);
    const dots: Dot[] = runs.map((run) => ({
      run,
      x: x(pick(run)) + jitter(run.runId) * JITTER_PX,
      y: y(run.best.valLoss),
    }));
    return { x, y, dots };
  }, [runs, pick, base, yDomain, W, H, M.left, M.right, M.top, M.bottom]);

  const locate = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const i = nearestPoint(
      dots,
      ((e.clientX - rect.left) * W) / rect.width,
      ((e.clientY - rect.top) * H) / rect.height,
      HOVER_RADIUS_PX,
    );
    return i >= 0 ? dots[i] : null;
  };

  // Highlighted and hovered runs are drawn last so they sit on top of the crowd.
  const ordered = [...dots].sort((a, b) => rankOnTop(a.run.runId) - rankOnTop(b.run.runId));
  function rankOnTop(id: string) {
    return id === highlightedRunId ? 2 : id === hoverId ? 1 : 0;
  }

  return (
    <figure className="m-0 min-w-0 flex-1">
      <figcaption className={`mb-1 text-slate-300 ${projector ? 'text-lg' : 'text-sm'}`}>{title}</figcaption>
      <div ref={wrapRef} className="w-full">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className={`w-full ${onSelect ? 'cursor-pointer' : ''}`}
          role="img"
          aria-label={`${title}: ${dots.length} runs`}
          data-font-px={font}
          onMouseMove={(e) => {
            const dot = locate(e);
            setHoverId(dot?.run.runId ?? null);
            onHover(dot ? { run: dot.run, clientX: e.clientX, clientY: e.clientY } : null);
          }}
          onMouseLeave={() => {
            setHoverId(null);
            onHover(null);
          }}
          onClick={(e) => {
            const dot = locate(e);
            if (dot) onSelect?.(dot.run.runId);
          }}
        >
          {y.ticks.map((t) => (
            <g key={`y${t}`}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={CHART_THEME.grid} />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={font} fill={CHART_THEME.axis}>
                {t.toFixed(2)}
              </text>
            </g>
          ))}
          {x.ticks.map((t) => (
            <g key={`x${t}`}>
              <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} stroke={CHART_THEME.grid} />
              <text x={x(t)} y={H - M.bottom + font + 4} textAnchor="middle" fontSize={font} fill={CHART_THEME.axis}>
                {formatX(t)}
              </text>
            </g>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" fontSize={font} fill={CHART_THEME.axis}>
            {xLabel}
          </text>
          {ordered.map(({ run, x: cx, y: cy }) => {
            const emphasised = run.runId === highlightedRunId || run.runId === hoverId;
            return (
              <CellMarker
                key={run.runId}
                cell={run.cell}
                cx={cx}
                cy={cy}
                r={emphasised ? radius * 1.6 : radius}
                fill={CELL_COLORS[run.cell]}
                fillOpacity={emphasised ? 1 : 0.7}
                stroke={emphasised ? CHART_THEME.text : 'none'}
                strokeWidth={2}
              />
            );
          })}
          {dots.length === 0 && (
            <text x={W / 2} y={H / 2} textAnchor="middle" fontSize={font} fill={CHART_THEME.axis}>
              No scored runs yet.
            </text>
          )}
        </svg>
      </div>
    </figure>
  );
}

const pickLearningRate = (run: ScoredRun) => run.config.learningRate;
const pickHiddenSize = (run: ScoredRun) => run.config.hiddenSize;

/**
 * Two small plots of best validation loss (bits per token, shared y) against learning rate (log x)
 * and against hidden size (log₂ x), one dot per scored run, coloured and shaped by cell. Hover names the run;
 * clicking selects it.
 */
export function HyperparameterScatter({ runs, highlightedRunId = null, onSelect, projector = false }: Props) {
  const [hover, setHover] = useState<{ run: BoardRun; clientX: number; clientY: number } | null>(null);
  const scored = useMemo(() => runs.filter((r): r is ScoredRun => r.best !== null), [runs]);
  const yDomain = useMemo((): [number, number] => paddedExtent(scored.map((r) => r.best.valLoss)) ?? [0, 1], [scored]);
  const shared = { runs: scored, yDomain, highlightedRunId, projector, onHover: setHover, onSelect };

  return (
    <section
      data-testid="hyperparameter-scatter"
      aria-label="Settings against best validation loss"
      className="rounded-xl bg-slate-900 p-3"
    >
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className={`m-0 font-semibold text-slate-100 ${projector ? 'text-xl' : 'text-base'}`}>
          Best validation bits/token by setting
        </h3>
        <BoardLegend projector={projector} />
      </div>
      <div className="flex flex-col gap-4 sm:flex-row">
        <ScatterPanel
          title="Learning rate"
          xLabel="learning rate (log)"
          pick={pickLearningRate}
          base={10}
          formatX={formatLearningRate}
          {...shared}
        />
        <ScatterPanel
          title="Hidden size"
          xLabel="hidden units (log₂)"
          pick={pickHiddenSize}
          base={2}
          formatX={String}
          {...shared}
        />
      </div>
      {hover && <RunTooltip run={hover.run} clientX={hover.clientX} clientY={hover.clientY} projector={projector} />}
    </section>
  );
}
