import { expect, type Browser } from '@playwright/test';
import { classroomPage, expectClassroom } from './classroom';
import { HomePage } from './home-page';
import { WorkspacePage } from './workspace-page';

/** A host, in a context of its own, who opens a class with `steps` training steps per run and starts round 1. */
export async function hostRound(browser: Browser, steps: number) {
  const host = await (await browser.newContext({ viewport: { width: 1600, height: 1200 } })).newPage();
  const home = new HomePage(host);
  await home.open();
  const code = await home.hostClass();
  await host.getByLabel('Training steps per run').fill(String(steps));
  await host.getByRole('button', { name: 'Save challenge' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await host.getByRole('button', { name: 'Start round' }).click();
  await expect(host.getByTestId('round-status')).toHaveText('Round 1: Running');
  return { host, code };
}

/**
 * A student, in a context of their own on the classroom address of `origin` (the server's; see
 * classroom.ts), who joins `code` as `nickname` and sets a small `cell` (16 hidden units, sequence 20,
 * batch 8) on wasm, so several runs train side by side in a few seconds each.
 */
export async function smallStudent(browser: Browser, origin: string, code: string, nickname: string, cell: string) {
  const page = await classroomPage(browser, origin);
  const home = new HomePage(page);
  await home.open(`/?code=${code}`);
  await home.join(null, nickname);
  await page.waitForURL((url) => url.pathname === `/play/${code}`);
  await page.goto(`/play/${code}?backend=wasm`);
  await expectClassroom(page);
  await page.getByRole('radio', { name: cell }).check({ force: true });
  await page.getByLabel('Hidden units').fill('16');
  await page.getByLabel('Sequence length').fill('20');
  await page.getByLabel('Batch size').fill('8');
  return { page, workspace: new WorkspacePage(page) };
}
