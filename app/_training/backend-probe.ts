import { version as tfjsVersion } from '@tensorflow/tfjs-core/dist/version';
import { TRAINING_WORKER_PATH } from '@/lib/protocol/http-paths';
import {
  PROBE_ORDER,
  PROBE_START_LIMIT_MS,
  PROBE_TIMED_STEPS,
  pickBackend,
  probeCacheKey,
  probeLimitMs,
  readCachedTimings,
  writeCachedTimings,
  type BackendChoice,
  type BackendTiming,
} from './backend-choice';
import type { BackendName } from './backend-names';
import { ruledOutInPage } from './gpu-check';
import type { FromProbe, ProbeRequest, RunSetup } from './worker-messages';

/** The backend a run trains on, and the probe behind it (none when the student named a backend). */
export interface BackendDecision {
  backend: BackendName;
  timings: BackendTiming[] | null;
  /** The timings came from this device's earlier probe of the same model size. */
  cached: boolean;
}

/**
 * Resolves the student's choice for the run `setup`: a named backend as it is; 'auto' from the
 * probe stored in localStorage for this model size, or by probing now and storing the result. A GPU
 * backend the page can rule out at once is not probed, and when a single backend is left (wasm, on a
 * machine without a usable GPU or on plain http, which has no WebGPU) it is taken without timing it;
 * otherwise each is timed in a worker (seconds; `onMeasuring` is called first).
 */
export async function decideBackend(
  choice: BackendChoice,
  setup: RunSetup,
  onMeasuring: () => void,
): Promise<BackendDecision> {
  if (choice !== 'auto') return { backend: choice, timings: null, cached: false };
  const key = probeCacheKey(setup.config, setup.task, tfjsVersion);
  const stored = readCachedTimings(localStorage, key);
  if (stored) return { backend: pickBackend(stored), timings: stored, cached: true };
  const ruledOut = await Promise.all(PROBE_ORDER.map(ruledOutInPage));
  const left = PROBE_ORDER.filter((_, i) => !ruledOut[i]);
  const timings: BackendTiming[] = [];
  if (left.length > 1) onMeasuring();
  for (const backend of PROBE_ORDER)
    timings.push(
      !left.includes(backend)
        ? { backend, outcome: 'unavailable' }
        : left.length === 1
          ? { backend, outcome: 'sole' }
          : await probeOne({ type: 'probe', backend, timedSteps: PROBE_TIMED_STEPS, ...setup }, timings),
    );
  writeCachedTimings(localStorage, key, timings);
  return { backend: pickBackend(timings), timings, cached: false };
}

/**
 * Times one backend in a worker of its own, terminated when done or when a phase overruns its limit
 * (probeLimitMs); terminating it frees everything the backend allocated, so no probe leaks into the next.
 */
function probeOne(request: ProbeRequest, sofar: readonly BackendTiming[]): Promise<BackendTiming> {
  const { backend } = request;
  const worker = new Worker(TRAINING_WORKER_PATH, { type: 'module' });
  const began = performance.now();
  return new Promise<BackendTiming>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (timing: BackendTiming) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(timing);
    };
    const limit = (ms: number, timing: () => BackendTiming) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(timing()), ms);
    };
    const tooSlow = (): BackendTiming => ({ backend, outcome: 'too-slow', afterMs: performance.now() - began });
    limit(PROBE_START_LIMIT_MS, () => ({ backend, outcome: 'unavailable' }));
    worker.onerror = () => finish({ backend, outcome: 'unavailable' });
    worker.onmessage = (event: MessageEvent<FromProbe>) => {
      const message = event.data;
      if (message.type === 'probe-started') limit(probeLimitMs('warmup', sofar), tooSlow);
      else if (message.type === 'probe-warm') limit(probeLimitMs('timed', sofar), tooSlow);
      else if (message.type === 'probe-measured')
        finish({ backend, outcome: 'measured', msPerStep: message.msPerStep });
      else finish({ backend, outcome: 'unavailable' });
    };
    worker.postMessage(request);
  });
}
