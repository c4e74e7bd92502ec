import { expect, test } from '@playwright/test';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

const CORPUS = 'Shall I compare thee to a summer day?\nThou art more lovely and more temperate.\n'.repeat(40);

test('the instructor uploads a text and a student trains a character model on it', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await (await browser.newContext()).newPage();
  const code = await new HomePage(host).open().then(() => new HomePage(host).hostClass());

  await host.getByRole('combobox', { name: 'Task', exact: true }).selectOption('text');
  await host
    .getByLabel('Text file (UTF-8, up to 2 MB)')
    .setInputFiles({ name: 'sonnet.txt', mimeType: 'text/plain', buffer: Buffer.from('\u0000\u0001binary') });
  await expect(host.getByRole('status').filter({ hasText: 'binary' })).toBeVisible();
  await host
    .getByLabel('Text file (UTF-8, up to 2 MB)')
    .setInputFiles({ name: 'sonnet.txt', mimeType: 'text/plain', buffer: Buffer.from(CORPUS) });
  await expect(
    host.getByRole('status').filter({ hasText: `${CORPUS.length.toLocaleString('en-US')} characters` }),
  ).toBeVisible();
  await host.getByLabel('Training steps per run').fill('150');
  await host.getByRole('button', { name: 'Save challenge' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await host.getByRole('button', { name: 'Start round' }).click();

  const page = await (await browser.newContext()).newPage();
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, 'Ada');
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await page.goto(`/play/${code}?backend=wasm`);
  await expect(page.getByRole('heading', { name: 'Next character: sonnet.txt' })).toBeVisible();
  await page.getByLabel('Hidden units').fill('16');
  await page.getByLabel('Sequence length').fill('20');
  await page.getByLabel('Batch size').fill('8');
  const workspace = new WorkspacePage(page);
  await workspace.train();
  await workspace.waitForFinish();

  // The model saw the sonnet: its gate view shows the sonnet's characters, and it writes with them.
  const letters = new Set(CORPUS);
  const snippet = (await page.getByTestId('gate-text-view').locator('p.font-mono').textContent()) ?? '';
  expect(snippet.length).toBeGreaterThan(0);
  expect([...snippet.replace(/[·↵⇥]/g, '')].filter((c) => c.trim() !== '').every((c) => letters.has(c))).toBe(true);
  const sample = (await page.getByTestId('sample-view').locator('pre').textContent()) ?? '';
  expect(sample.length).toBeGreaterThan(0);
  expect([...sample].every((c) => letters.has(c) || c === '\uFFFD')).toBe(true);
});
