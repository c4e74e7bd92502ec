import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunch, classroomUrl } from './tests/helpers/chromium-launch';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A fresh data folder per run, so no session from an earlier run is visible. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'arena-e2e-'));

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'npm start',
    url: `http://localhost:${PORT}/healthz`,
    // The projector shows the classroom address (plain http, not localhost), which students then open.
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATA_DIR: dataDir,
      REDIS_URL: '',
      PUBLIC_URL: classroomUrl(`http://localhost:${PORT}`),
    },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
