'use client';

import { useId, useMemo, useState } from 'react';
import { divergingColor, scaleGradient, sequentialColor, textColorOn } from './color-scale';
import {
  DEFAULT_GATE_LABELS,
  GATE_MEANINGS,
  isSignedGate,
  isWordLevel,
  unitColumn,
  unitCount,
  unitScale,
  visibleToken,
  type GateMeaning,
} from './gate-scale';

interface Props {
  /** One decoded token per time step. */
  tokens: string[];
  /** Gate name -> [T][H] activations of one layer (LSTM i, f, g, o, c; GRU r, z, n; empty for an RNN). */
  gates: Record<string, number[][]>;
  gateLabels?: Record<string, string>;
  /** Selected gate; with `onGateChange` the parent controls it, else the view keeps its own choice. */
  gate?: string;
  onGateChange?: (gate: string) => void;
  /** Selected unit (0-based); with `onUnitChange` the parent controls it. */
  unit?: number;
  onUnitChange?: (unit: number) => void;
}

/** PyTorch's gate order, then the cell state; unknown names follow in their own order. */
const GATE_ORDER = ['i', 'f', 'g', 'o', 'c', 'r', 'z', 'n'];

function orderedGateNames(gates: Record<string, number[][]>): string[] {
  const rank = (g: string) => (GATE_ORDER.includes(g) ? GATE_ORDER.indexOf(g) : GATE_ORDER.length);
  return Object.keys(gates).sort((a, b) => rank(a) - rank(b));
}

const fieldClass = 'rounded-lg bg-slate-800 px-2 py-1 text-slate-100';
const buttonClass = 'rounded-lg bg-slate-800 px-2 py-1 hover:bg-slate-700 disabled:opacity-40';

/**
 * The held-out snippet, each token coloured by one unit's activation of one gate at that step.
 * The root's accessible name avoids the words "gate" and "unit", so getByLabel('Gate') and
 * getByLabel('Unit') find only the pickers.
 */
export function GateTextView({ tokens, gates, gateLabels, gate, onGateChange, unit, onUnitChange }: Props) {
  const names = useMemo(() => orderedGateNames(gates), [gates]);
  const [ownGate, setOwnGate] = useState<string | null>(null);
  const [ownUnit, setOwnUnit] = useState(0);
  const gateId = useId();
  const unitId = useId();

  if (names.length === 0) {
    return (
      <section
        aria-label="Activations along the text"
        data-testid="gate-text-view"
        data-points={0}
        className="rounded-xl bg-slate-900 p-4 text-slate-300"
      >
        <h3 className="mb-2 font-semibold text-slate-100">Gate activations</h3>
        <p>
          A vanilla RNN has no gates: every step simply mixes the new input into its hidden state, with nothing deciding
          what to keep or forget. Train an LSTM or a GRU to see its gates open and close along the text.
        </p>
      </section>
    );
  }

  const wanted = gate ?? ownGate;
  const selected = wanted !== null && names.includes(wanted) ? wanted : names[0];
  const values = gates[selected];
  const units = unitCount(values);
  const current = Math.min(Math.max(0, Math.round(unit ?? ownUnit)), Math.max(units - 1, 0));
  const column = unitColumn(values, current);
  const scale = unitScale(isSignedGate(selected, values), column);
  const colorOf = (v: number) => (scale.kind === 'sequential' ? sequentialColor(v) : divergingColor(v, scale.max));
  const labelOf = (g: string) => gateLabels?.[g] ?? DEFAULT_GATE_LABELS[g] ?? g;
  const steps = Math.min(tokens.length, values.length);
  const words = isWordLevel(tokens);

  const chooseGate = (g: string) => (onGateChange ? onGateChange(g) : setOwnGate(g));
  const chooseUnit = (u: number) => {
    if (!Number.isFinite(u)) return;
    const next = Math.min(Math.max(0, Math.round(u)), units - 1);
    if (onUnitChange) onUnitChange(next);
    else setOwnUnit(next);
  };

  return (
    <section
      aria-label="Activations along the text"
      data-testid="gate-text-view"
      data-points={steps}
      data-gate={selected}
      data-unit={current}
      className="flex flex-col gap-3 rounded-xl bg-slate-900 p-4 text-sm text-slate-300"
    >
      <div className="flex flex-wrap items-center gap-4">
        <h3 className="font-semibold text-slate-100">Gate activations</h3>
        <label htmlFor={gateId} className="flex items-center gap-2">
          Gate
          <select id={gateId} value={selected} onChange={(e) => chooseGate(e.target.value)} className={fieldClass}>
            {names.map((g) => (
              <option key={g} value={g}>
                {g}: {labelOf(g)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-2">
          <label htmlFor={unitId}>Unit</label>
          <button
            type="button"
            aria-label="Previous"
            title="Previous unit"
            className={buttonClass}
            disabled={current <= 0}
            onClick={() => chooseUnit(current - 1)}
          >
            ‹
          </button>
          <input
            id={unitId}
            type="number"
            min={0}
            max={units - 1}
            value={current}
            onChange={(e) => chooseUnit(e.target.valueAsNumber)}
            className={`${fieldClass} w-20 text-center`}
          />
          <button
            type="button"
            aria-label="Next"
            title="Next unit"
            className={buttonClass}
            disabled={current >= units - 1}
            onClick={() => chooseUnit(current + 1)}
          >
            ›
          </button>
          <span className="text-slate-400">of {units}</span>
        </div>
      </div>

      <p
        className={`font-mono text-base leading-7 whitespace-pre-wrap ${words ? '' : 'break-all'}`}
        data-layout={words ? 'words' : 'characters'}
      >
        {tokens.slice(0, steps).map((token, t) => {
          const v = column[t];
          const background = colorOf(v);
          const { text, lineBreak } = visibleToken(token);
          return (
            <span key={t}>
              {/* Word tokens: a plain space between them, the only place a line may break. */}
              {words && t > 0 && !tokens[t - 1].endsWith('\n') && ' '}
              <span
                title={`step ${t}: ${labelOf(selected)} = ${Number.isFinite(v) ? v.toFixed(4) : 'n/a'}`}
                style={{ background, color: textColorOn(background) }}
                className={`rounded-[2px] px-px ${words ? 'whitespace-nowrap' : ''}`}
              >
                {text}
              </span>
              {lineBreak && '\n'}
            </span>
          );
        })}
      </p>

      <Legend scale={scale} meaning={GATE_MEANINGS[selected]} />
    </section>
  );
}

/** The colour scale, with what its ends mean for the quantity shown (GATE_MEANINGS), in words. */
function Legend({ scale, meaning }: { scale: ReturnType<typeof unitScale>; meaning: GateMeaning | undefined }) {
  const ends =
    scale.kind === 'diverging'
      ? `signed: ${(scale.min + scale.max) / 2} at the centre`
      : meaning
        ? `0 ${meaning.low}, 1 ${meaning.high}`
        : '0 to 1';
  return (
    <div className="flex flex-col gap-1 text-xs text-slate-400" aria-label="Colour scale" data-testid="gate-legend">
      <div className="flex flex-wrap items-center gap-2">
        <span>{scale.min}</span>
        <span aria-hidden="true" className="h-3 w-48 rounded-sm" style={{ background: scaleGradient(scale.kind) }} />
        <span>{scale.max}</span>
        <span className="ml-2 text-slate-300">{ends}</span>
      </div>
      <p className="m-0">
        {meaning && <>{meaning.what[0].toUpperCase() + meaning.what.slice(1)}. </>}Hover a token for its exact value.
      </p>
    </div>
  );
}
