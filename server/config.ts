import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultPoolSize } from './eval/eval-pool';
import { readLimits, type Limits } from './limits';
import { DEFAULT_RETENTION_DAYS } from './store/keys';

export interface Config {
  port: number;
  /** Unset: the embedded in-memory store, written through to `dataDir`. */
  redisUrl: string | null;
  dataDir: string;
  dev: boolean;
  /**
   * Origins (scheme, host, port) browsers may open the app at besides the Host a request names, e.g.
   * behind a proxy that rewrites Host; from `PUBLIC_URL`, comma-separated.
   */
  publicUrls: string[];
  /** Seconds a session is kept after its last change, in either store; from `RETENTION_DAYS`. */
  sessionTtlS: number;
  limits: Limits;
  /** Threads that score submitted weights; from `VERIFY_WORKERS`, by default one per core but one. */
  verifyWorkers: number;
  /** A verification job its instance has not held for this long is taken over; from `VERIFY_CLAIM_IDLE_MS`. */
  verifyClaimIdleMs: number;
  /**
   * The certificate chain and private key (PEM) to serve HTTPS with, from the files `HTTPS_CERT` and
   * `HTTPS_KEY` name; null serves plain http. Students' pages are secure contexts only over HTTPS (or on
   * localhost): that is what gives them multi-threaded wasm and WebGPU.
   */
  tls: { cert: Buffer; key: Buffer } | null;
}

const DAY_S = 24 * 60 * 60;
/** An evaluation holds its job every third of this; a minute outlasts any pause of a live instance. */
const DEFAULT_CLAIM_IDLE_MS = 60_000;

/** A whole number from the environment within [min, max], or `fallback` when unset. */
function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** The PEM files HTTPS_CERT and HTTPS_KEY name, both or neither. */
function tlsFrom(env: NodeJS.ProcessEnv): Config['tls'] {
  const { HTTPS_CERT: certPath, HTTPS_KEY: keyPath } = env;
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath)
    throw new Error('HTTPS needs both HTTPS_CERT and HTTPS_KEY (paths to PEM files); only one is set');
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`${name}: cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  return { cert: read('HTTPS_CERT', certPath), key: read('HTTPS_KEY', keyPath) };
}

/** Reads the environment once, failing fast with a readable message on a bad value. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const retentionDays = Number(env.RETENTION_DAYS || DEFAULT_RETENTION_DAYS);
  if (!(retentionDays > 0 && retentionDays <= 3650))
    throw new Error(`RETENTION_DAYS must be a number of days from 1 to 3650, got "${env.RETENTION_DAYS}"`);
  const tls = tlsFrom(env);
  return {
    port,
    redisUrl: env.REDIS_URL || null,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    dev: env.NODE_ENV !== 'production',
    publicUrls: (env.PUBLIC_URL ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean)
      .map((url) => {
        const parsed = URL.canParse(url) ? new URL(url) : null;
        if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:')
          throw new Error(`PUBLIC_URL must list http(s) URLs separated by commas, got "${url}"`);
        if (tls && parsed.protocol !== 'https:')
          throw new Error(`PUBLIC_URL must use https when HTTPS_CERT and HTTPS_KEY are set, got "${url}"`);
        return parsed.origin;
      }),
    sessionTtlS: Math.round(retentionDays * DAY_S),
    limits: readLimits(env),
    verifyWorkers: intFrom(env, 'VERIFY_WORKERS', defaultPoolSize(), 1, 64),
    verifyClaimIdleMs: intFrom(env, 'VERIFY_CLAIM_IDLE_MS', DEFAULT_CLAIM_IDLE_MS, 300, 3_600_000),
    tls,
  };
}
