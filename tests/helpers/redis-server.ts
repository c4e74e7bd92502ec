import { spawn } from 'node:child_process';
import { freePort } from './free-port';
import { stopProcess, waitForLine } from './wait-for-line';

const REDIS_START_TIMEOUT_MS = 10_000;

/** Starts a private, memory-only `redis-server` on a free port, for one test run. */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForLine(child, /Ready to accept connections/, REDIS_START_TIMEOUT_MS);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}
