/**
 * loadtest — how the server holds up under a class: one simulated host and N simulated students, each
 * student streaming one run's metrics at H points a second for S seconds, over K production server
 * processes (Redis, started here, when K > 1). Prints the latency from a student's point being sent to
 * the host receiving it, what was sent, acknowledged, stored, lost and duplicated, join time, errors,
 * and the servers' CPU and peak memory. Everything runs on 127.0.0.1 and is stopped on exit and on Ctrl-C.
 * Needs `npm run build` first.
 * Usage: npm run --silent loadtest -- --students N --hz H --seconds S [--instances K] [--store redis|embedded] [--json]
 */
import { parseLoadTestArgs, USAGE, type LoadTestOptions } from './loadtest/args';
import { Cleanup } from './loadtest/cleanup';
import { toJson, toText } from './loadtest/report';
import { runScenario } from './loadtest/scenario';

/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

async function main(): Promise<number> {
  let opts: LoadTestOptions;
  try {
    opts = parseLoadTestArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(USAGE);
    return 2;
  }
  const cleanup = new Cleanup();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup.run().then(() => process.exit(EXIT_INTERRUPTED)));
  }
  const log = opts.json ? () => undefined : (line: string) => console.error(`[loadtest] ${line}`);
  try {
    const result = await runScenario(opts, cleanup, log);
    console.log(opts.json ? toJson(result) : toText(result));
    return 0;
  } catch (err) {
    console.error('[loadtest] failed:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await cleanup.run();
  }
}

main().then((code) => process.exit(code));
