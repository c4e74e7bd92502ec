import { z } from 'zod';
import type { RunConfig, TaskChoice } from '@/lib/protocol/challenge';
import { BACKEND_NAMES, type BackendName } from './backend-names';

/** What the student picked: measure and take the fastest, or one backend by name. */
export type BackendChoice = 'auto' | BackendName;

/** Backends the probe times, the dependable one first so it sets the bar; cpu only when none starts. */
export const PROBE_ORDER = ['wasm', 'webgpu', 'webgl'] as const satisfies readonly BackendName[];
/** Steps timed after the warm-up step (which compiles shaders and grows heaps). */
export const PROBE_TIMED_STEPS = 3;
/** Worker start, tfjs and backend initialisation and building the model: ms before we give up. */
export const PROBE_START_LIMIT_MS = 10_000;
/**
 * The first step of a later backend may take the best total so far, but at least this long (ms): a
 * real GPU compiles its shaders in the first step and can still win afterwards. Software WebGL's
 * compile takes far longer, so it is stopped here.
 */
export const PROBE_WARMUP_FLOOR_MS = 2_000;
/** Until one backend has been measured, its first step may take this long (ms): something must win. */
export const PROBE_FIRST_LIMIT_MS = 60_000;

const timingSchema = z.discriminatedUnion('outcome', [
  z.object({ backend: z.enum(BACKEND_NAMES), outcome: z.literal('measured'), msPerStep: z.number().positive() }),
  z.object({ backend: z.enum(BACKEND_NAMES), outcome: z.literal('unavailable') }),
  z.object({ backend: z.enum(BACKEND_NAMES), outcome: z.literal('too-slow'), afterMs: z.number().nonnegative() }),
  z.object({ backend: z.enum(BACKEND_NAMES), outcome: z.literal('sole') }),
]);
/**
 * One backend's result in the probe: ms per training step, or why it has none; `sole`: the only backend
 * that can run here, taken without timing it (nothing to choose between).
 */
export type BackendTiming = z.infer<typeof timingSchema>;

/** The probe's limit (ms) for a phase of the next backend, given the timings so far. */
export function probeLimitMs(phase: 'warmup' | 'timed', timings: readonly BackendTiming[]): number {
  const best = fastestTiming(timings);
  if (!best) return PROBE_FIRST_LIMIT_MS;
  const bestTimedMs = best.msPerStep * PROBE_TIMED_STEPS;
  // Timed steps slower in total than the best backend's cannot win; stop them there.
  return phase === 'timed' ? bestTimedMs : Math.max(PROBE_WARMUP_FLOOR_MS, best.msPerStep + bestTimedMs);
}

function fastestTiming(timings: readonly BackendTiming[]) {
  let best: Extract<BackendTiming, { outcome: 'measured' }> | null = null;
  for (const t of timings) if (t.outcome === 'measured' && (!best || t.msPerStep < best.msPerStep)) best = t;
  return best;
}

/** The backend to train on: the one with the fewest ms per step, else the sole one, else cpu. */
export function pickBackend(timings: readonly BackendTiming[]): BackendName {
  return fastestTiming(timings)?.backend ?? timings.find((t) => t.outcome === 'sole')?.backend ?? 'cpu';
}

const CACHE_PREFIX = 'rnn-arena:backend-probe:';
/** Bumped when the stored entry's shape changes; older entries are then ignored. */
const CACHE_FORMAT = 1;
const cacheEntrySchema = z.object({ format: z.literal(CACHE_FORMAT), timings: z.array(timingSchema) });

/**
 * The localStorage key of a probe: everything that sets a step's cost (cell, sizes, batch, sequence,
 * the task, whose vocabulary sizes the output layer) and the tfjs version.
 */
export function probeCacheKey(config: RunConfig, task: TaskChoice, tfjsVersion: string): string {
  const { cell, hiddenSize, layers, batchSize, seqLength, embeddingSize } = config;
  const size = `${cell}-h${hiddenSize}-l${layers}-b${batchSize}-t${seqLength}-e${embeddingSize}`;
  return `${CACHE_PREFIX}tfjs${tfjsVersion}:${task.id}:${size}`;
}

/** The stored timings under `key`, or null when none are stored or they do not parse. */
export function readCachedTimings(storage: Storage, key: string): BackendTiming[] | null {
  try {
    const parsed = cacheEntrySchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
    return parsed.success ? parsed.data.timings : null;
  } catch {
    return null;
  }
}

/** Stores `timings` under `key`. */
export function writeCachedTimings(storage: Storage, key: string, timings: readonly BackendTiming[]): void {
  storage.setItem(key, JSON.stringify({ format: CACHE_FORMAT, timings }));
}

/** Forgets every stored probe in `storage`, so the next automatic run measures again. */
export function clearCachedTimings(storage: Storage): void {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) if (key?.startsWith(CACHE_PREFIX)) storage.removeItem(key);
}
