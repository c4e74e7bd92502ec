import { expect, test, type Browser, type Page } from '@playwright/test';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { quickChallenge } from '../helpers/quick-challenge';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { classroomPage, expectClassroom } from './pages/classroom';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** Round 1: three runs each, so a student who used them all must still be able to train in round 2. */
const ROUND_ONE = { ...quickChallenge('Quick recall', 200), runsPerStudent: 3 };
/** Round 2: another task, as a class moves on. */
const ROUND_TWO = { ...quickChallenge('Quick brackets', 80), task: { id: 'brackets', params: {}, seed: 1 } };

async function hostPage(browser: Browser, code: string, hostToken: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(
    ([key, token]) => localStorage.setItem(key, token),
    [`rnn-arena:host:${code}`, hostToken],
  );
  const page = await context.newPage();
  await page.goto(`/host/${code}`);
  return page;
}

/** Trains the checked cell to the end of the budget, every point sent. */
async function trainToEnd(workspace: WorkspacePage, cell: string) {
  await workspace.page.getByRole('radio', { name: cell }).check({ force: true });
  await workspace.train();
  await expect(workspace.page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await workspace.waitForFinish();
  await workspace.waitForAllSent();
}

/** The size in screen pixels of the scatter plot's first tick label. */
const tickFontPx = (host: Page) =>
  host
    .getByTestId('hyperparameter-scatter')
    .locator('svg text')
    .first()
    .evaluate((text: SVGTextElement) => (text.getScreenCTM()?.a ?? 0) * Number(text.getAttribute('font-size')));

test('the run-through, mended: rounds kept apart, a stopped run says so, one verified score on the wall', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const control: TestSocket = await connectClient(baseURL as string);
  const { code, hostToken } = await expectOk<SessionCreateReply>(control, ClientEvent.SessionCreate, {});
  await expectOk(control, ClientEvent.ChallengeSet, { challenge: ROUND_ONE });
  const host = await hostPage(browser, code, hostToken);

  // The student on the classroom address (plain http, not a secure context), as the room opens it.
  const student = await classroomPage(browser, baseURL as string, { viewport: { width: 1366, height: 768 } });
  const home = new HomePage(student);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Ada');
  await student.waitForURL((url) => url.pathname === `/play/${code}`);
  await expectClassroom(student);

  // The lobby at 1280×720: who has joined is on screen, under the open challenge settings' summary.
  await expect(host.getByTestId('participant-count')).toHaveText('1');
  await expect(host.getByTestId('challenge-settings')).toHaveAttribute('open', '');
  await expect(host.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toBeInViewport({ ratio: 1 });

  // A round folds the settings away; the host can open them again.
  await expectOk(control, ClientEvent.RoundStart, {});
  await expect(host.getByTestId('round-status')).toHaveText('Round 1: Running');
  await expect(host.getByTestId('challenge-settings')).not.toHaveAttribute('open');
  await host.getByText('Challenge settings').click();
  await expect(host.getByTestId('challenge-settings')).toHaveAttribute('open', '');

  await student.goto(`/play/${code}?backend=wasm`);
  const workspace = new WorkspacePage(student);
  await trainToEnd(workspace, 'Vanilla RNN');

  // A run stopped early says "stopped", not "finished … done".
  await student.getByRole('radio', { name: 'GRU' }).check({ force: true });
  await workspace.train();
  await expect(student.getByRole('button', { name: 'Stop' })).toBeVisible();
  await workspace.waitForStep(4);
  // Paused first, so the run cannot reach its budget before the stop arrives.
  await student.getByRole('button', { name: 'Pause' }).click();
  await expect(workspace.progress()).toHaveAttribute('data-state', 'paused');
  await student.getByRole('button', { name: 'Stop' }).click();
  const progress = workspace.progress();
  await expect(progress).toHaveAttribute('data-state', 'stopped');
  await expect(progress).toContainText('Stopped');
  await expect(progress).toContainText('stopped early');
  await expect(progress).not.toContainText('done');
  await expect(progress.getByRole('status')).toContainText(/Run stopped at step \d+ of 200/);
  await workspace.waitForAllSent();

  await trainToEnd(workspace, 'LSTM');
  // Every run of the round on the gradient plot, each its own: number, cell, dash; the current one solid.
  const legend = student.getByTestId('gradient-legend').getByRole('listitem');
  await expect(legend).toHaveText(['#1 RNN h16', '#2 GRU h16', '#3 LSTM h16 (now)']);
  const dashes = await legend.evaluateAll((items) => items.map((li) => li.getAttribute('data-dash')));
  expect(new Set(dashes).size).toBe(3);
  expect(dashes[2]).toBe('solid');

  // The settings scatter's ticks are readable on the host's screen and larger on the wall.
  await expect.poll(() => tickFontPx(host)).toBeGreaterThanOrEqual(12);
  await host.getByRole('button', { name: 'Projector mode' }).click();
  await expect.poll(() => tickFontPx(host)).toBeGreaterThanOrEqual(16);

  // After the round, the wall shows one score per run: the verified one, marked, with its unit.
  await expectOk(control, ClientEvent.RoundEnd, {});
  const podium = host.getByTestId('podium');
  await expect(podium.locator('[data-testid="podium-score"][data-verified="true"]')).toHaveCount(3, {
    timeout: 60_000,
  });
  await expect(podium.getByTestId('podium-score').first()).toContainText('test bits/token');
  await expect(podium.getByTestId('podium-reported')).toHaveCount(0);
  await expect(host.getByRole('columnheader', { name: 'Bits/token' })).toBeVisible();
  const wallScores = host.getByTestId('best-score');
  await expect(wallScores.locator('[data-verified="true"]')).toHaveCount(3);
  await expect(wallScores.first()).toContainText('✓');
  await expect(host.getByTestId('wall-score-key')).toBeVisible();
  await host.getByRole('button', { name: 'Leave projector mode' }).click();
  await expect(host.getByTestId('podium-reported')).toHaveCount(3);

  // Round 2, another task: the student's charts and "Your runs" start empty, round 1 behind a selector.
  await expectOk(control, ClientEvent.ChallengeSet, { challenge: ROUND_TWO });
  await expectOk(control, ClientEvent.RoundStart, {});
  await expect(student.getByRole('heading', { name: 'Quick brackets' })).toBeVisible();
  await expect(student.getByTestId('loss-chart')).toHaveAttribute('data-points', '0');
  await expect(student.getByRole('table', { name: 'Your runs' })).toHaveCount(0);
  await expect(progress).toHaveAttribute('data-state', 'idle');
  await trainToEnd(workspace, 'GRU');
  const ownRows = student.getByTestId('own-run-row');
  await expect(ownRows).toHaveCount(1);
  await expect(student.getByTestId('gradient-legend').getByRole('listitem')).toHaveText(['#1 GRU h16 (now)']);
  const tabs = student.getByTestId('own-round-tab');
  await expect(tabs).toHaveText(['Round 1', 'Round 2 (this round)']);
  await tabs.first().click();
  await expect(ownRows).toHaveCount(3);
  await expect(ownRows.nth(1)).toContainText('stopped');
  await tabs.last().click();
  await expect(ownRows).toHaveCount(1);
  await expectOk(control, ClientEvent.RoundEnd, {});
  await expect(host.getByTestId('verified-score')).toHaveCount(1, { timeout: 60_000 });

  // The review: rounds of different tasks side by side, not joined; a run's verified score; "Try these
  // settings" from round 1 says the task differs.
  await host.setViewportSize({ width: 1366, height: 768 });
  await host.goto(`/review/${code}`);
  const groups = host.getByTestId('round-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.locator('svg[data-lines="joined"]')).toHaveCount(0);
  await host.getByTestId('round-tab').first().click();
  await host.getByTestId('leaderboard-row').filter({ hasText: 'LSTM' }).click();
  const details = host.getByTestId('run-details');
  await expect(details).toContainText(/Verified test loss✓ \d\.\d{3} bits\/token/);
  const link = (await host.getByTestId('try-settings').getAttribute('href')) as string;
  expect(link).toContain('task=adding');
  await student.goto(link);
  const notice = student.getByTestId('settings-link-notice');
  await expect(notice).toContainText('Delayed recall and adding');
  await expect(notice).toContainText('Nested brackets');
  await notice.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
  control.disconnect();
});

test('the browser finds a favicon at /favicon.ico', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});
