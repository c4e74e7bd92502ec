import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { CLASSROOM_HOST, classroomUrl } from '../../helpers/chromium-launch';

/**
 * A student's page, in a browser context of its own whose base URL is `origin`'s classroom address
 * (`http://arena.test:<port>`: plain http on a name that is not localhost), as a student's laptop
 * opens the address the projector shows.
 */
export async function classroomPage(browser: Browser, origin: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ ...options, baseURL: classroomUrl(origin) });
  return context.newPage();
}

/**
 * Asserts that `page` is where a classroom puts it: on the classroom address and not a secure context,
 * so a test cannot drift back to localhost, where crypto.subtle, WebGPU and cross-origin isolation exist.
 */
export async function expectClassroom(page: Page) {
  expect(new URL(page.url()).hostname).toBe(CLASSROOM_HOST);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
}
