import { expect, test } from '@playwright/test';
import { ClientEvent } from '@/lib/protocol/events';
import { connectClient, expectOk } from '../helpers/test-client';
import { BoardPage } from './pages/board-page';
import { hostRound, smallStudent } from './pages/small-class';

/** The number in a podium score ("✓ 1.234 test bits/token"). */
const scoreOf = (text: string | null) => Number(text?.match(/\d+\.\d+/)?.[0]);

test('a forged best loss tops the live board, but the podium goes by verified scores and the host sees the flag', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const { host, code } = await hostRound(browser, 200);

  const ada = await smallStudent(browser, baseURL!, code, 'Ada', 'GRU');
  const eve = await smallStudent(browser, baseURL!, code, 'Eve', 'GRU');
  for (const s of [ada, eve]) await s.workspace.train();
  for (const s of [ada, eve]) await s.workspace.waitForFinish();

  // Eve reports a validation loss her model never reached, straight through the socket.
  const mine = eve.page.getByTestId('leaderboard-row').filter({ hasText: '(you)' });
  const runId = (await mine.getAttribute('data-run-id')) as string;
  const credential = JSON.parse(
    (await eve.page.evaluate((key) => localStorage.getItem(key), `rnn-arena:student:${code}`)) as string,
  ) as { participantId: string; token: string };
  const forger = await connectClient(new URL(host.url()).origin);
  await expectOk(forger, ClientEvent.SessionResume, { role: 'student', code, ...credential });
  const forged = { seq: 999, step: 200, elapsedMs: 1_000, trainLoss: 0.01, valLoss: 0.01 };
  await expectOk(forger, ClientEvent.RunMetrics, { runId, points: [forged] });
  forger.disconnect();

  const board = new BoardPage(host);
  await expect.poll(async () => (await board.ranking())[0]?.text ?? '', { timeout: 15_000 }).toContain('Eve');
  // Both runs' weights were submitted when they finished, and scored by the server.
  await expect(host.getByTestId('verified-score')).toHaveCount(2, { timeout: 60_000 });
  // By the name's button: "Ada" is also in every row's "adam".
  const row = (name: string) => board.rows().filter({ has: host.getByRole('button', { name, exact: true }) });
  const eveRow = row('Eve');
  await expect(eveRow.getByTestId('verified-flag')).toBeVisible();
  await expect(eveRow.getByTestId('verified-flag')).toHaveAttribute('title', /more than 2% better/);
  await expect(row('Ada').getByTestId('verified-flag')).toHaveCount(0);

  await host.getByRole('button', { name: 'End round' }).click();
  const podium = host.getByTestId('podium');
  await expect(podium.locator('li')).toHaveCount(2);
  const first = podium.locator('li[data-place="1"]');
  const second = podium.locator('li[data-place="2"]');
  for (const place of [first, second])
    await expect(place.getByTestId('podium-score')).toHaveAttribute('data-verified', 'true');
  const [firstScore, secondScore] = [
    scoreOf(await first.getByTestId('podium-score').textContent()),
    scoreOf(await second.getByTestId('podium-score').textContent()),
  ];
  expect(firstScore).toBeLessThanOrEqual(secondScore);
  await expect(podium.locator('li', { hasText: 'Eve' }).getByTestId('podium-flag')).toBeVisible();

  for (const [width, height] of [
    [1366, 768],
    [1280, 720],
    [1920, 1080],
  ]) {
    await host.setViewportSize({ width, height });
    // The rows slide to their places after a resize: the picture waits until they are there.
    await host.waitForFunction(() => document.getAnimations().length === 0);
    await host.screenshot({ path: testInfo.outputPath(`host-ended-${width}x${height}.png`), fullPage: true });
    await eve.page.setViewportSize({ width, height });
    await eve.page.waitForFunction(() => document.getAnimations().length === 0);
    await eve.page.screenshot({ path: testInfo.outputPath(`student-ended-${width}x${height}.png`), fullPage: true });
  }
});
