import { parseArgs } from 'node:util';

export const STORES = ['redis', 'embedded'] as const;
export type StoreKind = (typeof STORES)[number];

/** What one load test does, as the command line asked for it. */
export interface LoadTestOptions {
  students: number;
  /** Metric points each student sends per second (one point per `run:metrics` batch). */
  hz: number;
  /** How long the students stream, in seconds. */
  seconds: number;
  /** Server processes; students are spread over them round-robin, the host is on the first. */
  instances: number;
  store: StoreKind;
  json: boolean;
}

export const USAGE =
  'usage: npm run --silent loadtest -- --students N --hz H --seconds S [--instances K] [--store redis|embedded] [--json]';

/** Bounds that keep a mistyped command from starting something that never ends. */
const LIMITS = {
  students: { min: 1, max: 5_000, integer: true },
  hz: { min: 0.1, max: 20, integer: false },
  seconds: { min: 1, max: 600, integer: false },
  instances: { min: 1, max: 8, integer: true },
} as const;

function numberOption(name: keyof typeof LIMITS, raw: string | undefined, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  const value = Number(raw);
  const { min, max, integer } = LIMITS[name];
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new Error(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Parses the arguments after `--` (no program name). The store defaults to Redis when several
 * instances must share a class, else to the embedded store. Throws a readable message on a bad argument.
 */
export function parseLoadTestArgs(argv: string[]): LoadTestOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      students: { type: 'string' },
      hz: { type: 'string' },
      seconds: { type: 'string' },
      instances: { type: 'string' },
      store: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const instances = numberOption('instances', values.instances, 1);
  const store = values.store ?? (instances > 1 ? 'redis' : 'embedded');
  if (!STORES.includes(store as StoreKind)) throw new Error(`--store must be redis or embedded, got "${store}"`);
  if (store === 'embedded' && instances > 1) {
    throw new Error('--store embedded keeps each instance to itself: use --store redis with --instances > 1');
  }
  return {
    students: numberOption('students', values.students),
    hz: numberOption('hz', values.hz),
    seconds: numberOption('seconds', values.seconds),
    instances,
    store: store as StoreKind,
    json: values.json ?? false,
  };
}
