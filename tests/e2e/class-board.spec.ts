import { expect, test, type Browser } from '@playwright/test';
import { BoardPage } from './pages/board-page';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

async function student(browser: Browser, code: string, nickname: string, cell: string) {
  const page = await (await browser.newContext()).newPage();
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, nickname);
  await page.waitForURL(`**/play/${code}`);
  await page.goto(`/play/${code}?backend=wasm`);
  const workspace = new WorkspacePage(page);
  await page.getByRole('radio', { name: cell }).check({ force: true });
  // Small settings, so three runs train side by side in a few seconds each.
  await page.getByLabel('Hidden units').fill('16');
  await page.getByLabel('Sequence length').fill('20');
  await page.getByLabel('Batch size').fill('8');
  return { page, workspace };
}

test('the class board ranks three live runs, overlays their curves and ends with a podium', async ({ browser }) => {
  test.setTimeout(240_000);
  const host = await (await browser.newContext({ viewport: { width: 1600, height: 1200 } })).newPage();
  const home = new HomePage(host);
  await home.open();
  const code = await home.hostClass();

  // The instructor sets a short challenge with the builder and starts the round.
  await host.getByLabel('Training steps per run').fill('200');
  await host.getByRole('button', { name: 'Save challenge' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await host.getByRole('button', { name: 'Start round' }).click();
  await expect(host.getByTestId('round-status')).toHaveText('Round 1: Running');

  const students = [
    await student(browser, code, 'Ada', 'Vanilla RNN'),
    await student(browser, code, 'Bo', 'LSTM'),
    await student(browser, code, 'Cy', 'GRU'),
  ];
  // Others joining after Ada set her form sends her fresh session views: her settings must survive them.
  await expect(students[0].page.getByLabel('Hidden units')).toHaveValue('16');
  await expect(students[0].page.getByRole('radio', { name: 'Vanilla RNN' })).toBeChecked();
  for (const s of students) await s.workspace.train();

  const board = new BoardPage(host);
  await expect(board.rows()).toHaveCount(3, { timeout: 60_000 });
  await board.expectChartRuns(3);
  for (const s of students) await s.workspace.waitForFinish();

  // Ranked by best validation loss, lowest first, once every run has reported its last point.
  await expect.poll(async () => (await board.ranking()).every((r) => r.best !== null), { timeout: 30_000 }).toBe(true);
  const ranking = await board.ranking();
  expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3]);
  const bests = ranking.map((r) => r.best as number);
  expect(bests).toEqual([...bests].sort((a, b) => a - b));
  for (const name of ['Ada', 'Bo', 'Cy']) expect(ranking.some((r) => r.text.includes(name))).toBe(true);

  // Students see the board too.
  await expect(students[0].page.getByTestId('leaderboard-row')).toHaveCount(3, { timeout: 15_000 });

  // End of round: the podium and the cell comparison.
  await host.getByRole('button', { name: 'End round' }).click();
  const podium = host.getByTestId('podium');
  await expect(podium).toBeVisible();
  // The podium goes by the server's scores of the submitted weights, once every run has one.
  await expect(podium.locator('[data-testid="podium-score"][data-verified="true"]')).toHaveCount(3, {
    timeout: 60_000,
  });
  const first = (await podium.locator('li[data-place="1"]').textContent()) ?? '';
  const winner = ['Ada', 'Bo', 'Cy'].find((name) => first.startsWith(name)) as string;
  expect(winner).toBeDefined();
  await expect(host.getByTestId('cell-comparison')).toBeVisible();
  await expect(host.getByTestId('threshold-note')).toContainText("the class's median best");

  // Each student sees the same podium and cell comparison, with their own place and runs marked.
  for (const [i, name] of ['Ada', 'Bo', 'Cy'].entries()) {
    const page = students[i].page;
    const own = page.getByTestId('podium').locator('li', { hasText: new RegExp(`^${name}`) });
    await expect(own).toBeVisible({ timeout: 15_000 });
    await expect(own.getByTestId('podium-you')).toHaveText('(you)');
    await expect(page.getByTestId('podium').getByTestId('podium-you')).toHaveCount(1);
    await expect(page.getByTestId('podium').locator('li').first()).toContainText(winner);
    await expect(page.getByTestId('cell-comparison').getByTestId('own-best')).toHaveCount(1);
    // "Your runs" and the board show the same best accuracy for the same run.
    const mine = page.getByTestId('leaderboard-row').filter({ hasText: '(you)' });
    await expect(mine).toContainText((await page.getByTestId('own-best-accuracy').textContent()) as string);
  }
});
