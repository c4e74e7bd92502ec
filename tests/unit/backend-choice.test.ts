import { describe, expect, it } from 'vitest';
import {
  PROBE_FIRST_LIMIT_MS,
  PROBE_TIMED_STEPS,
  PROBE_WARMUP_FLOOR_MS,
  clearCachedTimings,
  pickBackend,
  probeCacheKey,
  probeLimitMs,
  readCachedTimings,
  writeCachedTimings,
  type BackendTiming,
} from '@/app/_training/backend-choice';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };
const task = DEFAULT_CHALLENGE.task;

/** A Storage over a Map, as localStorage behaves. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

describe('pickBackend', () => {
  it('takes the fewest ms per step among the measured backends', () => {
    const timings: BackendTiming[] = [
      { backend: 'wasm', outcome: 'measured', msPerStep: 38 },
      { backend: 'webgpu', outcome: 'unavailable' },
      { backend: 'webgl', outcome: 'measured', msPerStep: 21 },
    ];
    expect(pickBackend(timings)).toBe('webgl');
    expect(pickBackend([timings[0], { backend: 'webgl', outcome: 'measured', msPerStep: 410 }])).toBe('wasm');
  });

  it('takes the sole backend left when none was timed', () => {
    expect(
      pickBackend([
        { backend: 'wasm', outcome: 'sole' },
        { backend: 'webgpu', outcome: 'unavailable' },
        { backend: 'webgl', outcome: 'unavailable' },
      ]),
    ).toBe('wasm');
  });

  it('ignores a backend stopped for slowness and falls back to cpu when nothing was measured', () => {
    expect(
      pickBackend([
        { backend: 'wasm', outcome: 'measured', msPerStep: 90 },
        { backend: 'webgl', outcome: 'too-slow', afterMs: 2_000 },
      ]),
    ).toBe('wasm');
    expect(pickBackend([{ backend: 'wasm', outcome: 'unavailable' }])).toBe('cpu');
    expect(pickBackend([])).toBe('cpu');
  });
});

describe('probeLimitMs', () => {
  it('gives the first backend a long limit, and later ones the best total with a floor for the warm-up', () => {
    expect(probeLimitMs('warmup', [])).toBe(PROBE_FIRST_LIMIT_MS);
    const fast: BackendTiming[] = [{ backend: 'wasm', outcome: 'measured', msPerStep: 40 }];
    expect(probeLimitMs('warmup', fast)).toBe(PROBE_WARMUP_FLOOR_MS);
    expect(probeLimitMs('timed', fast)).toBe(40 * PROBE_TIMED_STEPS);
    const slow: BackendTiming[] = [{ backend: 'wasm', outcome: 'measured', msPerStep: 1_000 }];
    expect(probeLimitMs('warmup', slow)).toBe(1_000 * (PROBE_TIMED_STEPS + 1));
  });
});

describe('probe cache', () => {
  it('keys by model size, task and tfjs version', () => {
    const key = probeCacheKey(config, task, '4.22.0');
    expect(key).toContain('tfjs4.22.0');
    expect(key).toContain(`${config.cell}-h${config.hiddenSize}-l${config.layers}`);
    expect(key).toContain(`-b${config.batchSize}-t${config.seqLength}-e${config.embeddingSize}`);
    for (const change of [{ hiddenSize: config.hiddenSize * 2 }, { batchSize: 1 }, { seqLength: 3 }, { layers: 9 }])
      expect(probeCacheKey({ ...config, ...change }, task, '4.22.0')).not.toBe(key);
    expect(probeCacheKey(config, task, '4.23.0')).not.toBe(key);
    expect(probeCacheKey({ ...config, seed: 2, learningRate: 0.5 }, task, '4.22.0')).toBe(key);
  });

  it('reads back what it wrote, ignores what does not parse, and clears only its own keys', () => {
    const storage = memoryStorage();
    const key = probeCacheKey(config, task, '4.22.0');
    const timings: BackendTiming[] = [{ backend: 'wasm', outcome: 'measured', msPerStep: 38 }];
    expect(readCachedTimings(storage, key)).toBeNull();
    writeCachedTimings(storage, key, timings);
    expect(readCachedTimings(storage, key)).toEqual(timings);
    storage.setItem('other', 'kept');
    clearCachedTimings(storage);
    expect(readCachedTimings(storage, key)).toBeNull();
    expect(storage.getItem('other')).toBe('kept');
    storage.setItem(key, '{not json');
    expect(readCachedTimings(storage, key)).toBeNull();
    storage.setItem(key, JSON.stringify({ format: 1, timings: [{ backend: 'tpu', outcome: 'measured' }] }));
    expect(readCachedTimings(storage, key)).toBeNull();
  });
});
