import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { classroomUrl } from '../helpers/chromium-launch';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { classroomPage, expectClassroom } from './pages/classroom';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** The board's rows as the host sees them: run id and best validation loss. */
const boardBests = (page: Page) =>
  page
    .getByTestId('leaderboard-row')
    .evaluateAll((rows) =>
      rows.map((row) => ({ runId: row.getAttribute('data-run-id') as string, best: row.getAttribute('data-best') })),
    );

/** A student on the classroom address of the server at `base`, who joins and sets a small `cell`. */
async function joinAsStudent(browser: Browser, base: string, code: string, nickname: string, cell: string) {
  const page = await classroomPage(browser, base);
  await new HomePage(page).open(`/?code=${code}`);
  await new HomePage(page).join(null, nickname);
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await page.goto(`/play/${code}?backend=wasm`);
  await expectClassroom(page);
  await page.getByRole('radio', { name: cell }).check({ force: true });
  await page.getByLabel('Hidden units').fill('16');
  await page.getByLabel('Sequence length').fill('20');
  await page.getByLabel('Batch size').fill('8');
  return { page, workspace: new WorkspacePage(page) };
}

test('after class: two rounds kept, a restart, then the review link, the replay, the CSV and the host link', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'arena-e2e-after-'));
  let server: ServerProcess = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: '' });
  try {
    const host = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const home = new HomePage(host);
    await home.open(`${server.url}/`);
    const code = await home.hostClass();
    await host.getByLabel('Training steps per run').fill('100');
    await host.getByRole('button', { name: 'Save challenge' }).click();
    await expect(host.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await host.getByRole('button', { name: 'Start round' }).click();

    const students = [
      await joinAsStudent(browser, server.url, code, 'Ada', 'LSTM'),
      await joinAsStudent(browser, server.url, code, 'Bo', 'GRU'),
    ];
    /** Best validation loss by run id, as the host's board showed it at each round's end. */
    const bests = new Map<string, string>();
    const playRound = async (round: number) => {
      await expect(host.getByTestId('round-status')).toHaveText(`Round ${round}: Running`);
      for (const s of students) await s.workspace.train();
      for (const s of students) await s.workspace.waitForFinish();
      for (const s of students) await s.workspace.waitForAllSent();
      // A run's summary says "done" only once its last point is stored: its best is final then.
      await expect(host.getByTestId('leaderboard-row').filter({ hasText: 'done' })).toHaveCount(2);
      for (const { runId, best } of await boardBests(host)) bests.set(runId, best as string);
    };

    await playRound(1);
    await host.getByRole('button', { name: 'End round' }).click();
    await expect(students[0].page.getByTestId('own-results')).toContainText(/place [12] of 2/);
    const roundOne = (await boardBests(host)).map((r) => r.runId).sort();

    // The next round asks first, and the first stays one click away.
    await host.getByRole('button', { name: 'Start next round' }).click();
    await host.getByRole('button', { name: 'Start round 2' }).click();
    await expect(host.getByTestId('leaderboard-row')).toHaveCount(0);
    await host.getByRole('button', { name: 'Round 1', exact: true }).click();
    await expect.poll(async () => (await boardBests(host)).map((r) => r.runId).sort()).toEqual(roundOne);
    await expect(host.getByTestId('past-challenge')).toContainText('Round 1 was played with');
    await host.getByRole('button', { name: 'Round 2 (current)' }).click();
    await playRound(2);
    expect(bests.size).toBe(4);

    // The host's links, from the panel that never shows in projector mode.
    await host.getByText('Share, review and delete').click();
    await host.getByRole('button', { name: 'Create a review link' }).click();
    const reviewLink = await host.getByTestId('review-link').inputValue();
    await host.getByRole('button', { name: 'Show the host link' }).click();
    const hostLink = await host.getByTestId('host-link').inputValue();
    expect(reviewLink).toMatch(new RegExp(`/review/${code}#key=[\\w-]{43}$`));
    expect(hostLink).toMatch(new RegExp(`/host/${code}#key=[\\w-]{43}$`));

    // A second device with only the host link, on the classroom address, ends the round.
    const secondHost = await (await browser.newContext()).newPage();
    await secondHost.goto(classroomUrl(hostLink));
    await expectClassroom(secondHost);
    await expect(secondHost.getByTestId('round-status')).toHaveText('Round 2: Running');
    expect(secondHost.url()).not.toContain('#key=');
    await secondHost.getByRole('button', { name: 'End round' }).click();
    await expect(host.getByTestId('round-status')).toHaveText('Round 2: Ended');
    // There is no Clipboard API on plain http; Copy still copies the link.
    await secondHost.getByText('Share, review and delete').click();
    await secondHost.getByRole('button', { name: 'Show the host link' }).click();
    await secondHost.getByRole('button', { name: 'Copy' }).click();
    await expect(secondHost.getByRole('button', { name: 'Copied' })).toBeVisible();
    // Round 2's runs were scored before the restart below.
    await expect(host.getByTestId('verified-score')).toHaveCount(2, { timeout: 60_000 });

    await server.stop();
    server = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: '', PORT: String(server.port) });

    // A fresh browser with nothing but the review link.
    const reviewer = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await reviewer.goto(reviewLink);
    const tabs = reviewer.getByTestId('round-tab');
    await expect(tabs).toHaveText(['Round 1', 'Round 2']);
    await expect(tabs.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await tabs.nth(0).click();
    await expect.poll(async () => (await boardBests(reviewer)).map((r) => r.runId).sort()).toEqual(roundOne);
    await tabs.nth(1).click();
    await expect(reviewer.getByTestId('leaderboard-row')).toHaveCount(2);
    for (const { runId, best } of await boardBests(reviewer)) expect(best).toBe(bests.get(runId));

    // The replay at mid-round holds fewer points than at the end.
    const points = reviewer.getByTestId('replay-points');
    const atEnd = Number(await points.textContent());
    expect(atEnd).toBeGreaterThan(0);
    const slider = reviewer.getByTestId('replay-slider');
    const max = Number(await slider.getAttribute('max'));
    await slider.fill(String(Math.round(max / 2)));
    await expect.poll(async () => Number(await points.textContent())).toBeLessThan(atEnd);
    await reviewer.getByRole('button', { name: 'End', exact: true }).click();
    await expect(points).toHaveText(String(atEnd));

    // A run's details, with a link that opens the workspace with its settings.
    await reviewer.getByTestId('leaderboard-row').filter({ hasText: 'LSTM' }).click();
    await expect(reviewer.getByTestId('run-details')).toContainText("Ada's LSTM run");
    await expect(reviewer.getByTestId('try-settings')).toHaveAttribute(
      'href',
      new RegExp(`^/play/${code}\\?cell=lstm&hidden=16&.*&seq=20&`),
    );

    // Bo follows it: his workspace opens with Ada's settings.
    const bo = students[1].page;
    await bo.goto((await reviewer.getByTestId('try-settings').getAttribute('href')) as string);
    await expect(bo.getByRole('radio', { name: 'LSTM' })).toBeChecked();
    await expect(bo.getByLabel('Hidden units')).toHaveValue('16');
    await expect(bo.getByLabel('Sequence length')).toHaveValue('20');

    // The CSV: a row per run of both rounds, with the bests the board showed.
    const download = reviewer.waitForEvent('download');
    await reviewer.getByRole('button', { name: 'Download CSV' }).click();
    const csv = await readFile((await (await download).path()) as string, 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    const column = (row: string, name: string) => row.split(',')[header.split(',').indexOf(name)];
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(column(row, 'best_val_loss')).toBe(bests.get(column(row, 'run_id')));
    // Every run, trained on the classroom address, completed and was scored by the server.
    expect(rows.map((row) => [column(row, 'status'), column(row, 'verified')])).toEqual(
      rows.map(() => ['completed', 'done']),
    );

    // The start page remembers the class for this browser.
    await reviewer.goto(`${new URL(reviewLink).origin}/`);
    await expect(reviewer.getByTestId('known-classes')).toContainText(code);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
