'use client';

import { useCallback, useState } from 'react';
import { clearCachedTimings, type BackendChoice } from './backend-choice';
import type { BackendName } from './backend-names';
import { decideBackend, type BackendDecision } from './backend-probe';
import type { RunSetup } from './worker-messages';

/**
 * The student's backend choice ('auto' measures, or one backend forced), the last decision with its
 * measured speeds, and whether a measurement is running. `decide` settles the backend for a run's setup.
 */
export function useBackendChoice(forcedBackend: BackendName | undefined) {
  const [choice, setChoiceState] = useState<BackendChoice>(forcedBackend ?? 'auto');
  const [decision, setDecision] = useState<BackendDecision | null>(null);
  const [measuring, setMeasuring] = useState(false);

  const decide = useCallback(
    async (setup: RunSetup): Promise<BackendDecision> => {
      const decided = await decideBackend(choice, setup, () => setMeasuring(true)).finally(() => setMeasuring(false));
      setDecision(decided);
      return decided;
    },
    [choice],
  );

  /** Choosing 'auto' (again) forgets this device's stored probes: the next run measures again. */
  const setChoice = useCallback((next: BackendChoice) => {
    if (next === 'auto') {
      clearCachedTimings(localStorage);
      setDecision(null);
    }
    setChoiceState(next);
  }, []);

  return { choice, setChoice, decision, measuring, decide };
}
