import { expect, test } from '@playwright/test';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { connectClient, expectOk } from '../helpers/test-client';
import { classroomPage, expectClassroom } from './pages/classroom';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/** Small enough that wasm trains it in seconds here, so the probe and two runs fit the test. */
const PROBE_CHALLENGE = {
  ...DEFAULT_CHALLENGE,
  budgetSteps: 200,
  defaults: { ...DEFAULT_CHALLENGE.defaults, hiddenSize: 16, batchSize: 8, seqLength: 20 },
};

test('without ?backend= the first run rules out what cannot run here, trains on what is left and says so', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const host = await connectClient(baseURL ?? '');
  const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  await expectOk(host, ClientEvent.ChallengeSet, { challenge: PROBE_CHALLENGE });
  await expectOk(host, ClientEvent.RoundStart, {});
  host.disconnect();

  const page = await classroomPage(browser, baseURL as string);
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Ada');
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await expectClassroom(page);
  const workspace = new WorkspacePage(page);
  await expect(page.getByLabel('Backend')).toHaveValue('auto');

  await workspace.train();
  // No WebGPU on plain http, and WebGL here is drawn in software (SwiftShader, no GPU), which the page
  // rules out at once. Only wasm is left, so there is nothing to time: the run starts on it.
  await expect(workspace.backendTimings()).toContainText('wasm (the only one that can run here, so not timed)');
  await expect(workspace.backendTimings()).toContainText('webgpu unavailable · webgl unavailable');
  await workspace.waitForStep(0);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  test.info().annotations.push({ type: 'probe', description: (await workspace.backendTimings().textContent()) ?? '' });
  await workspace.waitForFinish();

  // The probe is stored for this model size: the next run reuses it, until the student measures again.
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('backend-probe')).length);
  expect(await stored()).toBe(1);
  await workspace.train();
  await expect(workspace.backendTimings()).toContainText('(checked earlier)');
  await workspace.waitForFinish();
  await page.getByRole('button', { name: 'Measure again' }).click();
  expect(await stored()).toBe(0);
  await expect(workspace.backendTimings()).toContainText('the next run measures each backend');
});
