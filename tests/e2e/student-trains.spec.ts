import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportSteps } from '@/app/_training/report-steps';
import { runSchedule } from '@/app/_training/run-schedule';
import { ClientEvent } from '@/lib/protocol/events';
import { TRAINING_WORKER_PATH } from '@/lib/protocol/http-paths';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { MemoryStore } from '@/server/store/memory-store';
import { startServerProcess } from '../helpers/server-process';
import { quickChallenge } from '../helpers/quick-challenge';
import { connectClient, expectOk } from '../helpers/test-client';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** A challenge small enough to train in seconds in headless Chromium on the wasm backend. */
const SMALL_CHALLENGE = quickChallenge('Small and quick', 600);

let dataDir: string;
let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'arena-train-'));
});
test.afterEach(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a student trains in the browser, sees it learn, and loses no metric across a server restart', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const env = { DATA_DIR: dataDir, REDIS_URL: '' };
  server = await startServerProcess(env);

  // The host is any client holding the host key; here a socket client sets a small challenge.
  const host = await connectClient(server.url);
  const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  await expectOk(host, ClientEvent.ChallengeSet, { challenge: SMALL_CHALLENGE });
  await expectOk(host, ClientEvent.RoundStart, {});
  host.disconnect();

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Ada');
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  // Software WebGL would spend minutes compiling shaders here; the backend choice starts at wasm.
  await page.goto(`/play/${code}?backend=wasm`);
  const workspace = new WorkspacePage(page);
  await expect(page.getByRole('heading', { name: 'Small and quick' })).toBeVisible();
  await expect(page.getByTestId('parameter-count')).toHaveAttribute('data-over', 'false');

  // A value outside the challenge's bounds is refused on the form, with the reason.
  const hidden = page.getByLabel('Hidden units');
  await hidden.fill('999');
  await expect(page.getByRole('alert').filter({ hasText: 'Must be between 8 and 256' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await hidden.fill('16');

  await workspace.train();
  await workspace.waitForStep(0);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  // Training runs in a dedicated worker, so the page's main thread only draws what it reports.
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toContain(TRAINING_WORKER_PATH);
  await workspace.waitForStep(150);

  // The server goes away mid-run (a deploy, a crash); training goes on and metrics wait in the browser.
  await server.stop();
  await expect(page.getByText('Connection lost')).toBeVisible();
  await workspace.waitForStep(300);
  await expect
    .poll(async () => Number(await page.getByTestId('sync-status').getAttribute('data-unsynced')))
    .toBeGreaterThan(0);
  server = await startServerProcess({ ...env, PORT: String(server.port) });

  await workspace.waitForFinish();
  const sent = await workspace.waitForAllSent();

  // What the student sees comes from real training.
  expect(await workspace.figure('loss-chart', 'data-points')).toBeGreaterThan(0);
  expect(await workspace.figure('gradient-flow', 'data-points')).toBe(SMALL_CHALLENGE.defaults.seqLength);
  expect(await workspace.figure('gradient-flow', 'data-max')).toBeGreaterThan(0);
  expect(await workspace.figure('gate-text-view', 'data-points')).toBe(SMALL_CHALLENGE.defaults.seqLength);
  expect(await workspace.figure('sample-view', 'data-points')).toBeGreaterThan(0);
  await expect(page.getByRole('table', { name: 'Your runs' })).toContainText('completed');

  // A reload brings the finished run back from the server, curve included.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Your runs' })).toContainText('completed');
  await expect.poll(() => workspace.figure('loss-chart', 'data-points')).toBeGreaterThan(0);

  await context.close();
  await server.stop();
  server = null;

  // The stored curve: every point the browser made, once, in order, with no gap.
  const store = await MemoryStore.open({ dataDir });
  const [run] = await store.listRuns(code, 1);
  const points = await store.getPoints(code, run.id);
  expect(points.map((p) => p.seq)).toEqual(Array.from({ length: sent }, (_, i) => i));
  // Every report step once, in order, up to the budget.
  const { budgetSteps, reportEvery } = runSchedule(SMALL_CHALLENGE.budgetSteps);
  expect(points.map((p) => p.step)).toEqual(reportSteps(budgetSteps, reportEvery));
  expect(run).toMatchObject({ status: 'completed', lastStep: SMALL_CHALLENGE.budgetSteps });
  expect(run.best?.valLoss).toBeLessThan(points[0].trainLoss);
  await store.close();
});
