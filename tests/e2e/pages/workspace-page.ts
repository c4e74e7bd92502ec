import { expect, type Page } from '@playwright/test';

/** The student's training workspace. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  progress() {
    return this.page.getByTestId('training-progress');
  }

  /** The line under the progress bar: what the backend probe measured, or that it is measuring. */
  backendTimings() {
    return this.page.getByTestId('backend-timings');
  }

  /** Picks the backend for the next run by its label ("Automatic (fastest)", "wasm", ...). */
  async chooseBackend(label: string) {
    await this.page.getByLabel('Backend').selectOption({ label });
  }

  async train() {
    await this.page.getByRole('button', { name: 'Train' }).click();
  }

  /** Resolves once training has passed `step`. */
  async waitForStep(step: number, timeout = 60_000) {
    await expect
      .poll(async () => Number(await this.progress().getAttribute('data-step')), { timeout })
      .toBeGreaterThan(step);
  }

  async waitForFinish(timeout = 120_000) {
    await expect(this.progress()).toHaveAttribute('data-state', 'finished', { timeout });
  }

  /** How many points the server has acknowledged, once none is waiting. */
  async waitForAllSent(timeout = 30_000): Promise<number> {
    const status = this.page.getByTestId('sync-status');
    await expect(status).toHaveAttribute('data-unsynced', '0', { timeout });
    await expect(status).toContainText('points sent');
    return Number(await status.getAttribute('data-sent'));
  }

  /** A number a chart exposes about what it draws (its `data-*` attribute). */
  async figure(testId: string, attribute: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute(attribute));
  }
}
