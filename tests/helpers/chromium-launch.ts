/**
 * The host name students' browsers use in the browser tests: Chromium resolves it to 127.0.0.1, so
 * `http://arena.test:<port>` reaches the local server the way a classroom reaches the projector's LAN
 * address: plain http on a name that is not localhost, which browsers do not treat as a secure context
 * (no crypto.subtle, no WebGPU, no cross-origin isolation). See shared notes, classroom-network.md.
 */
export const CLASSROOM_HOST = 'arena.test';

/** `url` with its host name replaced by CLASSROOM_HOST (same scheme, port and path). */
export function classroomUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = CLASSROOM_HOST;
  return parsed.href.replace(/\/$/, '');
}

/**
 * How every Chromium here starts (the e2e tests and the benchmarks): Debian's Chromium at
 * /usr/bin/chromium, or CHROMIUM_PATH, never a browser downloaded by Playwright; no sandbox, no GPU, no
 * background traffic; CLASSROOM_HOST resolves to this machine, without a network.
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=MAP ${CLASSROOM_HOST} 127.0.0.1`,
  ],
};
