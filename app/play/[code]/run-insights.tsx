'use client';

import { useState } from 'react';
import { GateSaturationPlot } from '../../_components/charts/gate-saturation-plot';
import { GateTextView } from '../../_components/charts/gate-text-view';
import { GradientFlowPlot } from '../../_components/charts/gradient-flow-plot';
import { runStyles } from '../../_components/charts/run-styles';
import { SampleView } from '../../_components/training/sample-view';
import type { LocalRun } from '../../_training/local-run';

interface Props {
  run: LocalRun;
  runs: LocalRun[];
  temperature: number;
  onTemperatureChange: (value: number) => void;
}

/** Inside the current model: gates over held-out text, gradient flow through time, and samples. */
export function RunInsights({ run, runs, temperature, onTemperatureChange }: Props) {
  const inspection = run.inspection;
  const [layer, setLayer] = useState(0);
  const [gate, setGate] = useState<string | undefined>(undefined);
  // Numbered among all the round's runs (as in "Your runs"), drawn when they have a measurement.
  const styles = runStyles(
    runs.map((r) => ({ id: r.id, cell: r.config.cell, hiddenSize: r.config.hiddenSize })),
    run.id,
  );
  const curves = runs.flatMap((r, i) => (r.inspection ? [{ ...styles[i], gradNorm: r.inspection.gradNorm }] : []));
  if (!inspection) return null;
  const layerGates = inspection.gates[Math.min(layer, inspection.gates.length - 1)] ?? {};
  const gateNames = Object.keys(layerGates);
  const shownGate = gate && gateNames.includes(gate) ? gate : gateNames[0];

  return (
    <>
      <div className="rounded-xl bg-slate-900 p-4">
        <div className="mb-2 flex items-baseline justify-between gap-4">
          <h3 className="font-semibold">
            Gradient flow: how much of the last step&apos;s gradient reaches each earlier step
          </h3>
          <span className="text-sm text-slate-400">step {inspection.step}</span>
        </div>
        <GradientFlowPlot curves={curves} />
      </div>

      <div className="rounded-xl bg-slate-900 p-4">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-4">
          <h3 className="font-semibold">Gates at work on held-out text</h3>
          {inspection.gates.length > 1 && (
            <label className="text-sm text-slate-400">
              Layer{' '}
              <select
                value={layer}
                onChange={(e) => setLayer(Number(e.target.value))}
                className="rounded bg-slate-800 px-2 py-1"
              >
                {inspection.gates.map((_, i) => (
                  <option key={i} value={i}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <GateTextView tokens={inspection.tokens} gates={layerGates} gate={shownGate} onGateChange={setGate} />
        {shownGate && (
          <div className="mt-4">
            <GateSaturationPlot gates={layerGates} gate={shownGate} />
          </div>
        )}
      </div>

      <div className="rounded-xl bg-slate-900 p-4">
        <h3 className="mb-2 font-semibold">What the model generates</h3>
        <SampleView
          text={inspection.sample.text}
          step={inspection.step}
          temperature={temperature}
          onTemperatureChange={onTemperatureChange}
        />
      </div>
    </>
  );
}
