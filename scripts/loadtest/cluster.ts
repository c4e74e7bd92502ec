import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedis } from '../../tests/helpers/redis-server';
import { startServerProcess, type ServerProcess } from '../../tests/helpers/server-process';
import type { LoadTestOptions } from './args';
import type { Cleanup } from './cleanup';
import { cpuSeconds, peakRssMb, pidListeningOn } from './proc-stats';

/** A process the load test started and measures. */
export interface Measured {
  name: string;
  pid: number | null;
}

export interface Cluster {
  /** One base URL per server instance, all on 127.0.0.1. */
  urls: string[];
  servers: Measured[];
  /** The server processes themselves, in the order of `urls`. */
  processes: ServerProcess[];
  redis: Measured | null;
  /** The private Redis's URL, with the Redis store. */
  redisUrl: string | null;
}

/** Caps the server reads from its environment, raised so the load test itself is not refused. */
function capsFor(students: number): Record<string, string> {
  return {
    MAX_PARTICIPANTS_PER_SESSION: String(students + 10),
    JOINS_PER_ADDRESS_PER_MINUTE: String(students * 2 + 100),
    SESSIONS_PER_ADDRESS_PER_HOUR: '1000',
  };
}

/**
 * Starts a private `redis-server` when the store is Redis, then `instances` production servers one after
 * the other (each on a free port; with the embedded store, in a fresh temporary data folder). Every
 * process and folder is registered with `cleanup` as soon as it exists. `extraEnv` goes to every server.
 */
export async function startCluster(
  opts: LoadTestOptions,
  cleanup: Cleanup,
  extraEnv: Record<string, string> = {},
): Promise<Cluster> {
  let env: Record<string, string> = { ...capsFor(opts.students), ...extraEnv };
  let redis: Measured | null = null;
  let redisUrl: string | null = null;
  if (opts.store === 'redis') {
    const started = await startRedis();
    cleanup.add(started.stop);
    redis = { name: 'redis', pid: pidListeningOn(Number(new URL(started.url).port)) };
    env = { ...env, REDIS_URL: started.url };
    redisUrl = started.url;
  }
  const urls: string[] = [];
  const servers: Measured[] = [];
  const processes: ServerProcess[] = [];
  for (let i = 0; i < opts.instances; i++) {
    const instanceEnv = { ...env };
    if (opts.store === 'embedded') {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'arena-loadtest-'));
      cleanup.add(() => rmSync(dataDir, { recursive: true, force: true }));
      instanceEnv.DATA_DIR = dataDir;
    }
    const server = await startServerProcess(instanceEnv);
    cleanup.add(server.stop);
    urls.push(server.url);
    processes.push(server);
    servers.push({ name: `server ${i}`, pid: pidListeningOn(server.port) });
  }
  return { urls, servers, processes, redis, redisUrl };
}

/** CPU seconds used so far by each process, in order; null for one that cannot be read. */
export function cpuOf(processes: readonly Measured[]): (number | null)[] {
  return processes.map((p) => (p.pid === null ? null : cpuSeconds(p.pid)));
}

/** Peak resident memory in MiB of each process, in order; null for one that cannot be read. */
export function peakRssOf(processes: readonly Measured[]): (number | null)[] {
  return processes.map((p) => (p.pid === null ? null : peakRssMb(p.pid)));
}
