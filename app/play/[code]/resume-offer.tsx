'use client';

import { useState } from 'react';
import type { LocalRun } from '../../_training/local-run';

interface Props {
  run: LocalRun;
  budgetSteps: number;
  /** Rejects when the run stays resumable but could not resume now (the server did not answer). */
  onResume: () => Promise<void>;
  onDiscard: () => void;
}

/** A run of an earlier page (a reload, a closed tab) whose progress this browser kept: resume it or let it go. */
export function ResumeOffer({ run, budgetSteps, onResume, onDiscard }: Props) {
  const [resuming, setResuming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const resume = () => {
    setResuming(true);
    setProblem(null);
    onResume()
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)))
      .finally(() => setResuming(false));
  };
  return (
    <section
      aria-label="Interrupted run"
      data-testid="resume-offer"
      className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg bg-amber-900/60 px-4 py-3 text-amber-100"
    >
      <p className="min-w-[20rem] flex-1">
        Your {run.config.cell.toUpperCase()} run (hidden {run.config.hiddenSize}) stopped when the page closed. Its
        progress up to step {run.savedStep} of {budgetSteps} is saved in this browser.
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={resume}
          disabled={resuming}
          className="rounded-lg bg-amber-400 px-6 py-2 font-semibold text-slate-950 disabled:opacity-40"
        >
          {resuming ? 'Resuming…' : 'Resume run'}
        </button>
        <button
          type="button"
          onClick={onDiscard}
          disabled={resuming}
          className="rounded-lg bg-slate-700 px-6 py-2 font-semibold disabled:opacity-40"
        >
          Discard
        </button>
      </div>
      {problem && (
        <p role="alert" className="basis-full text-red-200">
          {problem}
        </p>
      )}
    </section>
  );
}
