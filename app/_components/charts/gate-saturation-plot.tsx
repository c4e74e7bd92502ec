'use client';

import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { DEFAULT_GATE_LABELS, GATE_MEANINGS, isSignedGate } from './gate-scale';
import { CHART_THEME, SATURATION_COLORS } from './palette';
import { meanSaturation, saturationOrder, saturationShares, type SaturationShare } from './saturation';
import { useElementWidth } from './use-element-width';

interface Props {
  /** Gate name -> [T][H] activations of one layer. */
  gates: Record<string, number[][]>;
  /** Which gate to show. */
  gate: string;
  gateLabels?: Record<string, string>;
  /** Canvas height in CSS pixels. */
  height?: number;
  /** Called with a unit index when its bar is clicked, e.g. to show that unit in GateTextView. */
  onUnitSelect?: (unit: number) => void;
}

const MARGIN = { left: 40, right: 8, top: 8, bottom: 22 };

interface Layout {
  width: number;
  height: number;
  shares: readonly SaturationShare[];
  order: readonly number[];
  hovered: number | null;
}

/** Stacked bars, one per unit: low share from the bottom, high share from the top, the rest between. */
function drawBars(ctx: CanvasRenderingContext2D, { width, height, shares, order, hovered }: Layout) {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const barW = plotW / Math.max(order.length, 1);
  // Leave a hairline between bars only when they are wide enough for it to read as separation.
  const gap = barW >= 4 ? 1 : 0;
  ctx.clearRect(0, 0, width, height);
  ctx.font = CHART_THEME.font;
  ctx.fillStyle = CHART_THEME.axis;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const f of [0, 0.5, 1]) {
    const y = MARGIN.top + plotH * (1 - f);
    ctx.fillText(`${f * 100}%`, MARGIN.left - 6, y);
    ctx.fillRect(MARGIN.left, y, plotW, 0.5);
  }
  order.forEach((unit, pos) => {
    const s = shares[unit];
    const x = MARGIN.left + pos * barW;
    const w = Math.max(barW - gap, 0.5);
    const lowH = plotH * s.low;
    const highH = plotH * s.high;
    ctx.fillStyle = SATURATION_COLORS.mid;
    ctx.fillRect(x, MARGIN.top, w, plotH);
    ctx.fillStyle = SATURATION_COLORS.low;
    ctx.fillRect(x, MARGIN.top + plotH - lowH, w, lowH);
    ctx.fillStyle = SATURATION_COLORS.high;
    ctx.fillRect(x, MARGIN.top, w, highH);
    if (pos === hovered) {
      ctx.strokeStyle = CHART_THEME.text;
      ctx.strokeRect(x + 0.5, MARGIN.top + 0.5, w - 1, plotH - 1);
    }
  });
  ctx.fillStyle = CHART_THEME.axis;
  ctx.textBaseline = 'top';
  const labelEvery = Math.max(1, Math.ceil(order.length / Math.max(1, Math.floor(plotW / 40))));
  ctx.textAlign = 'center';
  for (let pos = 0; pos < order.length; pos += labelEvery) {
    ctx.fillText(String(order[pos]), MARGIN.left + (pos + 0.5) * barW, MARGIN.top + plotH + 6);
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * For one gate (or signed value), how often each unit sits at either end: below 0.1 or above 0.9 for a
 * gate, below −0.9 or above 0.9 for a signed value; each end named by what it means (GATE_MEANINGS).
 */
export function GateSaturationPlot({ gates, gate, gateLabels, height = 180, onUnitSelect }: Props) {
  const values = useMemo(() => gates[gate] ?? [], [gates, gate]);
  const signed = isSignedGate(gate, values);
  // tanh quantities saturate at ±1, so for them "low" and "high" mean below -0.9 and above 0.9.
  const [lowAt, highAt] = signed ? [-0.9, 0.9] : [0.1, 0.9];
  const shares = useMemo(() => saturationShares(values, lowAt, highAt), [values, lowAt, highAt]);
  const [sorted, setSorted] = useState(false);
  const order = useMemo(() => (sorted ? saturationOrder(shares) : shares.map((_, i) => i)), [shares, sorted]);
  const [hovered, setHovered] = useState<number | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const mean = meanSaturation(shares);
  const label = gateLabels?.[gate] ?? DEFAULT_GATE_LABELS[gate] ?? gate;
  const meaning = GATE_MEANINGS[gate];

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBars(ctx, { width, height, shares, order, hovered });
  }, [width, height, shares, order, hovered]);

  const positionAt = (event: MouseEvent<HTMLCanvasElement>): number | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const plotW = rect.width - MARGIN.left - MARGIN.right;
    const pos = Math.floor(((event.clientX - rect.left - MARGIN.left) / plotW) * order.length);
    return pos >= 0 && pos < order.length ? pos : null;
  };
  const hoveredUnit = hovered === null ? null : order[hovered];

  return (
    <section
      aria-label="Saturation chart"
      data-testid="gate-saturation"
      data-points={shares.length}
      data-mean-low={mean.low.toFixed(3)}
      data-mean-high={mean.high.toFixed(3)}
      className="flex flex-col gap-2 rounded-xl bg-slate-900 p-3 text-sm text-slate-300"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-100">
          Saturation: {label} ({gate})
        </h3>
        <div role="group" aria-label="Bar order" className="flex overflow-hidden rounded-lg bg-slate-800">
          {[false, true].map((s) => (
            <button
              key={String(s)}
              type="button"
              aria-pressed={sorted === s}
              onClick={() => setSorted(s)}
              className={`px-3 py-1 ${sorted === s ? 'bg-slate-600 text-white' : 'hover:bg-slate-700'}`}
            >
              {s ? 'Most saturated first' : 'Unit order'}
            </button>
          ))}
        </div>
      </div>
      <div ref={wrapRef} className="w-full">
        {shares.length === 0 ? (
          <p className="text-slate-400">No activations for this gate.</p>
        ) : (
          <canvas
            ref={canvasRef}
            style={{ width: '100%', height }}
            className={onUnitSelect ? 'cursor-pointer' : undefined}
            aria-hidden="true"
            onMouseMove={(e) => setHovered(positionAt(e))}
            onMouseLeave={() => setHovered(null)}
            onClick={(e) => {
              const pos = positionAt(e);
              if (pos !== null) onUnitSelect?.(order[pos]);
            }}
          />
        )}
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-400">
        <span>
          <Swatch color={SATURATION_COLORS.low} /> below {lowAt}
          {meaning && ` (${meaning.low})`}
        </span>
        <span>
          <Swatch color={SATURATION_COLORS.mid} /> in between
        </span>
        <span>
          <Swatch color={SATURATION_COLORS.high} /> above {highAt}
          {meaning && ` (${meaning.high})`}
        </span>
        <span className="ml-auto text-slate-300">
          {hoveredUnit !== null
            ? `unit ${hoveredUnit}: ${pct(shares[hoveredUnit].low)} low, ${pct(shares[hoveredUnit].high)} high`
            : shares.length > 0 && `mean over ${shares.length} units: ${pct(mean.low)} low, ${pct(mean.high)} high`}
        </span>
      </p>
    </section>
  );
}

function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden="true"
      className="mr-1 inline-block h-2.5 w-2.5 rounded-sm align-middle"
      style={{ background: color }}
    />
  );
}
