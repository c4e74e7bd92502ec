import { expect, test } from '@playwright/test';
import { BoardPage } from './pages/board-page';
import { hostRound, smallStudent } from './pages/small-class';

test('the class board ranks three live runs, overlays their curves and ends with a podium', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // The instructor sets a short challenge with the builder and starts the round.
  const { host, code } = await hostRound(browser, 200);

  const students = [
    await smallStudent(browser, baseURL!, code, 'Ada', 'Vanilla RNN'),
    await smallStudent(browser, baseURL!, code, 'Bo', 'LSTM'),
    await smallStudent(browser, baseURL!, code, 'Cy', 'GRU'),
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
  const winner = ['Ada', 'Bo', 'Cy'].find((name) => first.startsWith(`Place 1: ${name}`)) as string;
  expect(winner).toBeDefined();
  await expect(host.getByTestId('cell-comparison')).toBeVisible();
  await expect(host.getByTestId('threshold-note')).toContainText("the class's median best");

  // Each student sees the same podium and cell comparison, with their own place and runs marked.
  for (const [i, name] of ['Ada', 'Bo', 'Cy'].entries()) {
    const page = students[i].page;
    const own = page.getByTestId('podium').locator('li', { hasText: new RegExp(`^Place \\d: ${name}`) });
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
