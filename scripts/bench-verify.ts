/**
 * bench:verify — how the server scores a class's submitted weights while the class streams metrics: K
 * production servers over a private Redis, 300 simulated students streaming at 2 Hz, and N students
 * uploading the weights of the task preset's default model at once. Prints how long until every upload
 * was scored, the evaluation time per upload, the servers' event-loop lag and the latency from a
 * student's metric point to the host's screen. Needs `npm run build` first.
 * Usage: npm run --silent bench:verify [-- --submissions N] [--instances K] [--json]
 */
import { parseArgs } from 'node:util';
import { Cleanup } from './loadtest/cleanup';
import { runVerifyBench } from './bench-verify/scenario';

const USAGE = 'usage: npm run --silent bench:verify [-- --submissions N] [--instances K] [--json]';
/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

function wholeNumber(raw: string | undefined, fallback: number, name: string, max: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: { submissions: { type: 'string' }, instances: { type: 'string' }, json: { type: 'boolean' } },
    });
    options = {
      submissions: wholeNumber(values.submissions, 300, 'submissions', 2_000),
      instances: wholeNumber(values.instances, 1, 'instances', 8),
      json: values.json ?? false,
    };
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(USAGE);
    return 2;
  }
  const cleanup = new Cleanup();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup.run().then(() => process.exit(EXIT_INTERRUPTED)));
  const log = options.json ? () => undefined : (line: string) => console.error(`[bench:verify] ${line}`);
  try {
    const result = await runVerifyBench(options.submissions, options.instances, cleanup, log);
    console.log(options.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    console.error('[bench:verify] failed:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await cleanup.run();
  }
}

main().then((code) => process.exit(code));
