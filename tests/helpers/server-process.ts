import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { classroomUrl } from './chromium-launch';
import { freePort } from './free-port';
import { stopProcess, waitForLine } from './wait-for-line';

const SERVER_START_TIMEOUT_MS = 30_000;
const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  port: number;
  /** The PID of `npm start`: the process a process manager signals. */
  pid: number;
  /** Everything the process printed on stderr so far. */
  stderr: () => string;
  /** Resolves with npm's exit code once it has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM to npm and resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts the real production server the way production does, `npm start` (the bundle `npm run build`
 * writes to dist/), as a child process on `env.PORT` or a free port. `detached` gives it a process group
 * of its own, so that a test can kill whatever a broken shutdown leaves behind (`process.kill(-pid)`).
 * With `env.HTTPS_CERT` the server speaks TLS, and `url` says https; over plain http, PUBLIC_URL is the
 * classroom address unless `env` names one.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { detached = false }: { detached?: boolean } = {},
): Promise<ServerProcess> {
  for (const built of ['.next/BUILD_ID', 'dist/server.mjs']) {
    if (!existsSync(path.join(root, built)))
      throw new Error(`No production build (${built} is missing): run \`npm run build\` before these tests.`);
  }
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `${env.HTTPS_CERT ? 'https' : 'http'}://127.0.0.1:${port}`;
  // As a school would set it: the classroom address students open (see chromium-launch.ts).
  const publicUrl = env.HTTPS_CERT ? {} : { PUBLIC_URL: classroomUrl(url) };
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...publicUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitForLine(child, /RNN Arena ready/, SERVER_START_TIMEOUT_MS);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return {
    url,
    port,
    pid: child.pid!,
    stderr: () => stderr,
    exited,
    stop: () => stopProcess(child),
  };
}
