import type { ChildProcess } from 'node:child_process';

/**
 * Resolves when the child prints a line matching `pattern` on stdout; rejects if it exits first or
 * `timeoutMs` passes (a safety net for a hung start, not a synchronisation delay).
 */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) done(null);
    };
    const onExit = (code: number | null) => done(new Error(`process exited (${code}) before ready:\n${output}`));
    const timer = setTimeout(() => done(new Error(`not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const done = (err: Error | null) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onStderr);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onStderr = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onStderr);
    child.once('exit', onExit);
  });
}

/** Sends SIGTERM and resolves once the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
