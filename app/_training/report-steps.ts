/**
 * Whether a run reports a metric point after `step` (1-based): after its first step, so the chart moves
 * as soon as training does, then every `reportEvery` steps, and after its last (`budgetSteps`). Pure.
 */
export function reportsAt(step: number, reportEvery: number, budgetSteps: number): boolean {
  return step === 1 || step % reportEvery === 0 || step === budgetSteps;
}

/** Every step a whole run of `budgetSteps` reports at, in order. */
export function reportSteps(budgetSteps: number, reportEvery: number): number[] {
  return Array.from({ length: budgetSteps }, (_, i) => i + 1).filter((step) =>
    reportsAt(step, reportEvery, budgetSteps),
  );
}
