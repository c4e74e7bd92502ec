/**
 * How every Chromium here starts (the e2e tests, bench:board, bench:train's browser run): Debian's
 * Chromium at /usr/bin/chromium, or CHROMIUM_PATH, never a browser downloaded by Playwright; no
 * sandbox, no GPU, no background traffic.
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
  ],
};
