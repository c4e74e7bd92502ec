import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportSteps } from '@/app/_training/report-steps';
import { runSchedule } from '@/app/_training/run-schedule';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { runConfigSearch } from '@/lib/domain/run-config-url';
import type { RunConfig } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint } from '@/lib/protocol/run';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { MemoryStore } from '@/server/store/memory-store';
import { startServerProcess } from '../helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { classroomPage, expectClassroom } from './pages/classroom';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** Small enough to train twice in headless Chromium on wasm, long enough to reload in the middle. */
const CHALLENGE = {
  ...DEFAULT_CHALLENGE,
  title: 'Reload and resume',
  budgetSteps: 1000,
  runsPerStudent: 2,
};

/** What the student's link carries: not the challenge's defaults, and a fixed seed. */
const CONFIG: RunConfig = {
  ...DEFAULT_CHALLENGE.defaults,
  cell: 'gru',
  hiddenSize: 12,
  embeddingSize: 8,
  learningRate: 0.005,
  batchSize: 8,
  seqLength: 20,
  gateBias: 1,
  seed: 4242,
};

let dataDir: string;
let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'arena-resume-'));
  server = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: '' });
});
test.afterEach(async () => {
  await server?.stop();
  server = null;
  await rm(dataDir, { recursive: true, force: true });
});

/** A class running CHALLENGE, and a student who joined it; resolves with the code, her page and the host. */
async function joinedStudent(browser: Browser, url: string): Promise<{ code: string; page: Page; host: TestSocket }> {
  const host = await connectClient(url);
  const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  await expectOk(host, ClientEvent.ChallengeSet, { challenge: CHALLENGE });
  await expectOk(host, ClientEvent.RoundStart, {});
  const page = await classroomPage(browser, url);
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Grace');
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await expectClassroom(page);
  return { code, page, host };
}

const searchOf = (page: Page) => new URL(page.url()).searchParams;

test('the workspace opens with the settings in its URL, clamped, and keeps them there as they change', async ({
  browser,
}) => {
  const { code, page, host } = await joinedStudent(browser, server!.url);
  host.disconnect();
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`/play/${code}?cell=rnn&hidden=999&lr=0.02&seed=7&clip=junk&backend=wasm`);

  await expect(page.getByLabel('Hidden units')).toHaveValue('256');
  await expect(page.getByRole('radio', { name: 'Vanilla RNN' })).toBeChecked();
  await expect(page.getByText('Learning rate: 0.020')).toBeVisible();
  await expect(page.getByLabel('Gradient clipping (0 = off)')).toHaveValue(String(CHALLENGE.defaults.clipNorm));
  // The clamped settings are written back, every field of them, and what is not a setting stays.
  await expect.poll(() => searchOf(page).get('hidden')).toBe('256');
  expect(Object.fromEntries(searchOf(page))).toMatchObject({ cell: 'rnn', lr: '0.02', seed: '7', backend: 'wasm' });
  expect(searchOf(page).get('clip')).toBe(String(CHALLENGE.defaults.clipNorm));

  await page.getByLabel('Hidden units').fill('32');
  await page.getByRole('radio', { name: 'GRU' }).check({ force: true });
  await expect.poll(() => searchOf(page).get('hidden')).toBe('32');
  expect(searchOf(page).get('cell')).toBe('gru');
  // replaceState: the page loaded once (the goto), no reload loop.
  expect(loads).toBe(1);
  await page.context().close();
});

test('a reloaded student page resumes its run: same run, no gap, no duplicate, the same weights', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { code, page, host } = await joinedStudent(browser, server!.url);
  host.disconnect();
  const link = `/play/${code}${runConfigSearch(CONFIG)}&backend=wasm`;
  await page.goto(link);
  const workspace = new WorkspacePage(page);
  const runs = page.getByRole('table', { name: 'Your runs' });
  await expect(page.getByLabel('Hidden units')).toHaveValue('12');
  await expect(page.getByRole('radio', { name: 'GRU' })).toBeChecked();

  await workspace.train();
  const saved = page.getByTestId('saved-step');
  await expect(saved).toBeVisible({ timeout: 60_000 });
  const savedStep = Number(await saved.getAttribute('data-step'));
  expect(savedStep).toBeLessThan(CHALLENGE.budgetSteps);

  // The reload kills the worker mid-run; the page offers the run back instead of calling it finished.
  await page.reload();
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toBeVisible();
  await expect(workspace.progress()).toHaveAttribute('data-state', 'interrupted');
  await expect(runs).toContainText('resumable');
  await expect(runs).not.toContainText('completed');
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  const resumedFrom = Number(await workspace.progress().getAttribute('data-step'));
  expect(resumedFrom).toBeGreaterThanOrEqual(savedStep);

  // From the keyboard.
  await page.getByRole('button', { name: 'Resume run' }).focus();
  await page.keyboard.press('Enter');
  await expect(offer).toBeHidden();
  await expect(page.getByTestId('gate-text-view')).toBeVisible();
  await expect(page.getByTestId('gradient-flow')).toBeVisible();
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await workspace.waitForFinish();
  await workspace.waitForAllSent();
  await expect(runs.getByTestId('own-run-row')).toHaveCount(1);
  await expect(runs).toContainText('completed');
  const resumedWeights = await runs.getByTestId('own-run-row').first().getAttribute('data-weights-sha256');
  expect(resumedWeights).toMatch(/^[0-9a-f]{64}$/);

  // The resume used no run slot: the second of two is still there, for the same settings uninterrupted.
  await page.goto(link);
  await expect(runs.getByTestId('own-run-row')).toHaveCount(1);
  await workspace.train();
  await expect(runs.getByTestId('own-run-row')).toHaveCount(2);
  await workspace.waitForFinish();
  await workspace.waitForAllSent();
  await expect(runs.getByTestId('own-run-row').nth(1)).toHaveAttribute('data-weights-sha256', resumedWeights!);
  await page.context().close();

  await server!.stop();
  server = null;
  const store = await MemoryStore.open({ dataDir });
  const stored = await store.listRuns(code, 1);
  expect(stored.map((r) => [r.config.seed, r.status, r.lastStep])).toEqual([
    [CONFIG.seed, 'completed', CHALLENGE.budgetSteps],
    [CONFIG.seed, 'completed', CHALLENGE.budgetSteps],
  ]);
  const [resumed, whole] = await Promise.all(stored.map((r) => store.getPoints(code, r.id)));
  await store.close();

  // Every report step once, in order, up to the budget: no gap where the page went away, no step twice.
  const steps = reportSteps(CHALLENGE.budgetSteps, runSchedule(CHALLENGE.budgetSteps).reportEvery);
  expect(resumed.map((p) => p.step)).toEqual(steps);
  expect(resumed.map((p) => p.seq)).toEqual(steps.map((_, i) => i));
  // And what was measured at each step is what the uninterrupted run measured there.
  const measured = (points: MetricPoint[]) =>
    points.map(({ step, trainLoss, valLoss }) => ({ step, trainLoss, valLoss }));
  expect(measured(resumed)).toEqual(measured(whole));
});

test('a run whose round ended while its page was away shows as interrupted, with the reason', async ({ browser }) => {
  const { code, page, host } = await joinedStudent(browser, server!.url);
  await page.goto(`/play/${code}${runConfigSearch(CONFIG)}&backend=wasm`);
  const workspace = new WorkspacePage(page);
  await workspace.train();
  await expect(page.getByTestId('saved-step')).toBeVisible({ timeout: 60_000 });
  await page.close();
  await expectOk(host, ClientEvent.RoundEnd, {});
  host.disconnect();

  const reopened = await page.context().newPage();
  await reopened.goto(`/play/${code}?backend=wasm`);
  await expect(
    reopened.getByText('Your last run was interrupted: The round ended before the run was resumed.'),
  ).toBeVisible();
  await expect(reopened.getByTestId('resume-offer')).toBeHidden();
  const runs = reopened.getByRole('table', { name: 'Your runs' });
  await expect(runs).toContainText('interrupted');
  await expect(runs).not.toContainText('completed');
  await expect(new WorkspacePage(reopened).progress()).toHaveAttribute('data-state', 'interrupted');
  await reopened.context().close();
});

/** This browser's run checkpoints, as their IndexedDB keys ([code, participant, run id]). */
const checkpointKeys = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('rnn-arena', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('run-checkpoints');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const request = db.transaction('run-checkpoints').objectStore('run-checkpoints').getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return keys;
  });

test('checkpoints a day old or unreadable leave the browser; a recent one stays', async ({ browser }) => {
  const { page, host } = await joinedStudent(browser, server!.url);
  await expect(page.getByTestId('welcome')).toContainText('Grace');
  await checkpointKeys(page);
  // Left behind by runs of another class: one two days old, one unreadable, one from a minute ago.
  await page.evaluate(async (now) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('rnn-arena', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('run-checkpoints', 'readwrite');
      const store = tx.objectStore('run-checkpoints');
      store.put({ format: 1, savedAt: now - 2 * 86_400_000 }, ['OLDCLS', 'p', 'stale-run']);
      store.put({ format: 1 }, ['OLDCLS', 'p', 'unreadable-run']);
      store.put({ format: 1, savedAt: now - 60_000 }, ['OLDCLS', 'p', 'recent-run']);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, Date.now());
  expect(await checkpointKeys(page)).toHaveLength(3);

  await page.reload();
  await expect.poll(() => checkpointKeys(page), { timeout: 15_000 }).toEqual([['OLDCLS', 'p', 'recent-run']]);
  host.disconnect();
});
