import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { TRAINING_WORKER_PATH } from '@/lib/protocol/http-paths';
import { BoardPage } from './pages/board-page';
import { HomePage } from './pages/home-page';
import { WorkspacePage } from './pages/workspace-page';

/**
 * A browser context that records what the page's Content-Security-Policy blocked: the browser's own
 * console reports, the `securitypolicyviolation` events of the documents, and uncaught errors (in a
 * worker, whose console reports do not reach the test, a blocked `eval` or wasm compile throws).
 */
async function watchedContext(browser: Browser, problems: string[], options = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI} at ` +
          `${e.sourceFile}:${e.lineNumber}:${e.columnNumber} (${e.sample})`,
      ),
    ),
  );
  context.on('console', (message) => {
    if (/content security policy/i.test(message.text())) problems.push(message.text());
  });
  context.on('weberror', (error) => problems.push(`${error.error().name}: ${error.error().message}`));
  return context;
}

test('home, host and student pages run under the Content-Security-Policy, training included', async ({ browser }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];

  const host = await (await watchedContext(browser, problems, { viewport: { width: 1600, height: 1200 } })).newPage();
  const home = new HomePage(host);
  await home.open();
  const code = await home.hostClass();
  await expect(host.getByRole('img', { name: /^QR code for / })).toBeVisible();
  await host.getByLabel('Training steps per run').fill('100');
  await host.getByRole('button', { name: 'Save challenge' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await host.getByRole('button', { name: 'Start round' }).click();
  await expect(host.getByTestId('round-status')).toHaveText('Round 1: Running');

  const page = await (await watchedContext(browser, problems)).newPage();
  const webSockets: string[] = [];
  page.on('websocket', (socket) => webSockets.push(new URL(socket.url()).pathname));
  const student = new HomePage(page);
  await student.open(`/?code=${code}`);
  await student.join(null, 'Ada');
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await page.goto(`/play/${code}?backend=wasm`);
  await page.getByLabel('Hidden units').fill('16');
  await page.getByLabel('Sequence length').fill('20');
  await page.getByLabel('Batch size').fill('8');
  const workspace = new WorkspacePage(page);
  await workspace.train();
  await workspace.waitForStep(0);
  // The worker compiled TensorFlow.js's wasm binary ('wasm-unsafe-eval') and started its threads (blob:),
  // and Socket.IO reached its WebSocket (connect-src 'self'), rather than falling back to the CPU
  // backend or to long-polling.
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  const workers = page.workers().map((w) => new URL(w.url()));
  expect(workers.map((url) => url.pathname)).toContain(TRAINING_WORKER_PATH);
  expect(workers.some((url) => url.protocol === 'blob:')).toBe(true);
  expect(webSockets).toContain('/socket.io/');
  await workspace.waitForFinish();
  await expect(new BoardPage(host).rows()).toHaveCount(1, { timeout: 30_000 });

  expect(problems).toEqual([]);
});
