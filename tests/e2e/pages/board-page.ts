import { expect, type Page } from '@playwright/test';

/** The host's class board. */
export class BoardPage {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('leaderboard-row');
  }

  /** The board's rows as [rank, best validation loss] in display order. */
  async ranking(): Promise<{ rank: number; best: number | null; text: string }[]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((row) => ({
        rank: Number(row.getAttribute('data-rank')),
        best:
          row.getAttribute('data-best') === null || row.getAttribute('data-best') === ''
            ? null
            : Number(row.getAttribute('data-best')),
        text: row.textContent ?? '',
      })),
    );
  }

  async expectChartRuns(count: number) {
    await expect(this.page.getByTestId('convergence-chart')).toHaveAttribute('data-runs', String(count), {
      timeout: 30_000,
    });
  }
}
