import { spawn } from 'node:child_process';
import { freePort } from './free-port';
import { stopProcess, waitForLine } from './wait-for-line';

const REDIS_START_TIMEOUT_MS = 10_000;
const MEMORY_ONLY = ['--save', '', '--appendonly', 'no'];

/**
 * Starts a private `redis-server` on a free port, for one test run. By default it keeps everything in
 * memory; `args` replaces those settings (e.g. `['--appendonly', 'yes', '--dir', folder]`).
 */
export async function startRedis(args: string[] = MEMORY_ONLY): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /Ready to accept connections/, REDIS_START_TIMEOUT_MS);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}
