import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The event loop's delay is sampled this often; finer than the lag the benchmarks look for. */
const LAG_RESOLUTION_MS = 10;

/**
 * What a benchmark needs from inside a server process (`STATS_ON_EXIT=1`): the event loop's delay over
 * its life and how long each evaluation of submitted weights took. `report()` is one line of JSON,
 * `[stats] {"eventLoopLagMs":{"p99","max"},"evalMs":[...]}`, which the server prints on stderr as it stops.
 */
export function createProcessStats() {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const evalMs: number[] = [];
  return {
    evaluated: (ms: number) => void evalMs.push(Math.round(ms)),
    report: () => {
      lag.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      return `[stats] ${JSON.stringify({ eventLoopLagMs: { p99: ms(lag.percentile(99)), max: ms(lag.max) }, evalMs })}`;
    },
  };
}
