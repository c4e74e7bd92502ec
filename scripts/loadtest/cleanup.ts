/**
 * Everything the load test started, to be undone once: on a normal end, on an error and on Ctrl-C.
 * Steps run in reverse order of registration (sockets before servers before Redis).
 */
export class Cleanup {
  private readonly steps: (() => Promise<void> | void)[] = [];
  private running: Promise<void> | null = null;

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  /** Runs every step once, newest first; a failing step does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (err) {
          console.error('[loadtest] cleanup step failed:', err);
        }
      }
    })();
    return this.running;
  }
}
