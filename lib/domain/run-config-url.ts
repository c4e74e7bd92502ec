import { INTEGER_PARAMS, type BoundedParam, type Challenge, type RunConfig } from '../protocol/challenge';

/**
 * A run's configuration in a page URL, so a link opens the workspace with those settings (TensorFlow
 * Playground's way: every setting, the seed included, round-trips through the URL). Short, readable names:
 * `?cell=lstm&hidden=64&layers=1&embed=16&lr=0.003&batch=32&seq=64&clip=1&bias=3&opt=adam&init=orthogonal&seed=42`.
 */
const NUMBER_PARAMS = {
  hiddenSize: 'hidden',
  layers: 'layers',
  embeddingSize: 'embed',
  learningRate: 'lr',
  batchSize: 'batch',
  seqLength: 'seq',
  clipNorm: 'clip',
  gateBias: 'bias',
} as const satisfies Record<BoundedParam, string>;

const MAX_SEED = 2 ** 31 - 1;

/** `?`-prefixed query string naming every field of `config`; numbers keep their exact value. Pure. */
export function runConfigSearch(config: RunConfig): string {
  const search = new URLSearchParams({ cell: config.cell });
  for (const [field, name] of Object.entries(NUMBER_PARAMS) as [BoundedParam, string][]) {
    search.set(name, String(config[field]));
  }
  search.set('opt', config.optimizer);
  search.set('init', config.init);
  search.set('seed', String(config.seed));
  return `?${search.toString()}`;
}

/** The parameter as a finite number, or undefined when it is absent, empty or not a number. */
function numberParam(search: URLSearchParams, name: string): number | undefined {
  const raw = search.get(name)?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * The fields of a run configuration that `search` carries and `challenge` allows: numbers clamped to the
 * challenge's bounds (whole numbers rounded first), a cell, optimiser or initialisation the challenge does
 * not allow left out, a seed kept when it is a whole number in 0..2^31-1. Anything unreadable is left out;
 * never throws. Pure.
 */
export function runConfigFromSearch(search: URLSearchParams, challenge: Challenge): Partial<RunConfig> {
  const config: Partial<RunConfig> = {};
  for (const [field, name] of Object.entries(NUMBER_PARAMS) as [BoundedParam, string][]) {
    const value = numberParam(search, name);
    if (value === undefined) continue;
    const whole = INTEGER_PARAMS.has(field) ? Math.round(value) : value;
    const { min, max } = challenge.bounds[field];
    config[field] = Math.min(max, Math.max(min, whole));
  }
  const cell = oneOf(search.get('cell'), challenge.allowedCells);
  if (cell) config.cell = cell;
  const optimizer = oneOf(search.get('opt'), challenge.allowedOptimizers);
  if (optimizer) config.optimizer = optimizer;
  const init = oneOf(search.get('init'), challenge.allowedInits);
  if (init) config.init = init;
  const seed = numberParam(search, 'seed');
  if (seed !== undefined && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) config.seed = seed;
  return config;
}
