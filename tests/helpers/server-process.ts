import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { stopProcess, waitForLine } from './wait-for-line';

const SERVER_START_TIMEOUT_MS = 30_000;
const root = path.resolve(import.meta.dirname, '../..');

/**
 * Starts the real production server (`server/index.ts` hosting Next.js and Socket.IO) as a child process,
 * on `env.PORT` or a free port. Needs `next build` to have run.
 */
export async function startServerProcess(env: Record<string, string>) {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` before the integration tests.');
  }
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['server/index.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /RNN Arena ready/, SERVER_START_TIMEOUT_MS);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}
