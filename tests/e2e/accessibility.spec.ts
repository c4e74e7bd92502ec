import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint } from '@/lib/protocol/run';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { quickChallenge } from '../helpers/quick-challenge';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { BoardPage } from './pages/board-page';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** WCAG 2.1 A and AA, the level the issue asks for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NARROW = { width: 320, height: 720 };

/** Small enough to train in seconds on wasm, long enough to be paused while it trains. */
const CHALLENGE = quickChallenge('Accessible and quick', 400);

/** Fails with every serious or critical violation spelled out: rule, elements, and what is wrong. */
async function expectNoSeriousViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
    )
    .join('\n');
  expect(serious, `${screen} has serious accessibility violations:\n${report}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Scored runs from socket clients, one per cell, so the board, its charts and the podium have content. */
async function simulatedRuns(baseURL: string, code: string): Promise<TestSocket[]> {
  const cells = ['rnn', 'lstm', 'gru'] as const;
  return Promise.all(
    cells.map(async (cell, i) => {
      const socket = await connectClient(baseURL);
      await expectOk(socket, ClientEvent.SessionJoin, { code, nickname: `Sim ${cell.toUpperCase()}` });
      const runId = `accessibility-run-${cell}`;
      await expectOk(socket, ClientEvent.RunStart, { runId, config: { ...CHALLENGE.defaults, cell, seed: i + 1 } });
      const points: MetricPoint[] = Array.from({ length: 4 }, (_, seq) => ({
        seq,
        step: (seq + 1) * 100,
        elapsedMs: seq * 1000,
        trainLoss: 3,
        valLoss: 2 + i * 0.2 + 1 / (seq + 1),
        accuracy: 0.2 + seq * 0.1,
      }));
      await expectOk(socket, ClientEvent.RunMetrics, { runId, points });
      return socket;
    }),
  );
}

async function hostPage(browser: Browser, code: string, hostToken: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(
    ([key, token]) => localStorage.setItem(key, token),
    [`rnn-arena:host:${code}`, hostToken],
  );
  return context.newPage();
}

test('the home page and the join form, with an error on it, have no serious violation', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await expect(page.getByRole('button', { name: 'Host a class' })).toBeVisible();
  await expectNoSeriousViolations(page, 'home');

  await home.open('/?code=K7PQ2O');
  await home.join(null, 'Ada');
  await home.expectError(/O/);
  await expectNoSeriousViolations(page, 'join form with an error');
});

test('a class from the host page at 320 px to the podium: no serious violation, every step by keyboard', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const hostSocket = await connectClient(baseURL as string);
  const { code, hostToken } = await expectOk<SessionCreateReply>(hostSocket, ClientEvent.SessionCreate, {});
  await expectOk(hostSocket, ClientEvent.ChallengeSet, { challenge: CHALLENGE });

  // The host page before the first round (join panel, challenge settings) fits a 320 px phone.
  const host = await hostPage(browser, code, hostToken);
  await host.setViewportSize(NARROW);
  await host.goto(`/host/${code}`);
  await expect(host.getByTestId('join-code')).toHaveText(code);
  await expectNoHorizontalScroll(host);
  await host.setViewportSize({ width: 1366, height: 768 });
  await expectNoSeriousViolations(host, 'host page before the first round');

  await expectOk(hostSocket, ClientEvent.RoundStart, {});
  const simulated = await simulatedRuns(baseURL as string, code);

  const student = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const home = new HomePage(student);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Ada');
  await student.waitForURL((url) => url.pathname === `/play/${code}`);
  await student.goto(`/play/${code}?backend=wasm`);
  const workspace = new WorkspacePage(student);
  await expect(student.getByRole('heading', { name: CHALLENGE.title })).toBeVisible();

  // The cell choice: reached with Tab, changed with the arrow keys, with a visible focus ring.
  await student.getByLabel('Hidden units').focus();
  await student.keyboard.press('Shift+Tab');
  await expect(student.getByRole('radio', { name: 'LSTM' })).toBeFocused();
  await student.keyboard.press('ArrowRight');
  await expect(student.getByRole('radio', { name: 'GRU' })).toBeChecked();
  const ring = student.locator('label:has(input:focus-visible)');
  await expect(ring).toHaveCount(1);
  expect(await ring.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await student.keyboard.press('ArrowLeft');
  await expect(student.getByRole('radio', { name: 'LSTM' })).toBeChecked();

  // The learning-rate slider reads out the rate, not its logarithm.
  const slider = student.getByRole('slider', { name: /Learning rate/ });
  await slider.focus();
  await student.keyboard.press('ArrowRight');
  const rate = Number(await slider.getAttribute('aria-valuetext'));
  expect(rate).toBeGreaterThan(CHALLENGE.defaults.learningRate);
  expect(rate).toBeLessThanOrEqual(CHALLENGE.bounds.learningRate.max);
  await expect(slider).toHaveAccessibleName(`Learning rate: ${await slider.getAttribute('aria-valuetext')}`);

  // Train, Pause and Resume from the keyboard; focus stays on the button that now does the next thing.
  await student.getByRole('button', { name: 'Train' }).focus();
  await student.keyboard.press('Enter');
  const pause = student.getByRole('button', { name: 'Pause' });
  await expect(pause).toBeFocused();
  await workspace.waitForStep(0);
  await expectNoSeriousViolations(student, 'student workspace, training');
  await student.keyboard.press('Enter');
  await expect(workspace.progress()).toHaveAttribute('data-state', 'paused');
  await expect(student.getByRole('button', { name: 'Resume' })).toBeFocused();
  await student.keyboard.press('Enter');
  await expect(workspace.progress()).toHaveAttribute('data-state', 'running');
  await expect(pause).toBeFocused();

  // The end of a run is announced, not only drawn; the Train button takes over the focus.
  await workspace.waitForFinish();
  await expect(student.getByRole('status').filter({ hasText: 'Run finished' })).toBeAttached();
  await expect(student.getByRole('button', { name: 'Train' })).toBeFocused();
  await expectNoSeriousViolations(student, 'student workspace, run finished');

  // The leaderboard's scroll box is a named region, so its tab stop says what it is.
  const scroller = student.getByRole('region', { name: 'Class board rows' });
  await expect(scroller).toHaveAttribute('tabindex', '0');

  const board = new BoardPage(host);
  await expect(board.rows()).toHaveCount(4, { timeout: 30_000 });
  await board.expectChartRuns(4);
  await expectNoSeriousViolations(host, 'host board with runs');
  await host.setViewportSize(NARROW);
  await expectNoHorizontalScroll(host);
  await host.setViewportSize({ width: 1366, height: 768 });

  await host.getByRole('button', { name: 'Projector mode' }).click();
  await expect(host.getByRole('button', { name: 'Leave projector mode' })).toBeFocused();
  await expectNoSeriousViolations(host, 'projector mode');
  await host.keyboard.press('Enter');
  await expect(host.getByRole('button', { name: 'Projector mode' })).toBeFocused();

  await host.getByRole('button', { name: 'End round' }).click();
  const podium = host.getByTestId('podium');
  await expect(podium.getByRole('listitem')).toHaveCount(3);
  // Each place is read first, in words: the number on the step is decoration.
  await expect(podium.getByRole('listitem').first()).toHaveText(/^Place 1:/);
  await expectNoSeriousViolations(host, 'host podium');
  await host.setViewportSize(NARROW);
  await expectNoHorizontalScroll(host);

  await expect(student.getByTestId('podium')).toBeVisible();
  await expect(student.getByTestId('own-results')).toBeVisible();
  await expectNoSeriousViolations(student, 'student podium');

  // After class: the host's share panel, and the review page with a run's details open.
  await host.setViewportSize({ width: 1366, height: 768 });
  await host.getByText('Share, review and delete').click();
  await host.getByRole('button', { name: 'Create a review link' }).click();
  await expect(host.getByTestId('review-link')).toBeVisible();
  await expectNoSeriousViolations(host, 'share panel');
  await host.goto(`/review/${code}`);
  await host.getByTestId('leaderboard-row').first().click();
  await expect(host.getByTestId('run-details')).toBeVisible();
  await expectNoSeriousViolations(host, 'review page');
  await host.setViewportSize(NARROW);
  await expectNoHorizontalScroll(host);

  for (const socket of [...simulated, hostSocket]) socket.disconnect();
});
