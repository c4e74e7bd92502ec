import { useBackend, type NodeBackend } from './bench-lib/backend';
import { runInChromium } from './bench-lib/chromium';
import { runTrainBench, WORKLOAD, type BoundResult, type Repeats, type TrainResult } from './bench-lib/train-bench';

/**
 * Usage: npm run --silent bench:train [-- --json]
 * Training speed of our RNN, LSTM and GRU against tf.layers on Node wasm, Node cpu and Chromium wasm,
 * plus the matmul-bound step time from measured plain matMul throughput.
 */
const REPEATS: Record<string, Repeats> = {
  wasm: { ours: 20, layers: 4, warmup: 3 },
  cpu: { ours: 2, layers: 2, warmup: 1 },
};

function table(results: TrainResult[], bounds: BoundResult[]): string {
  const head = ['runtime', 'backend', 'cell', 'ours ms', 'tf.layers ms', 'speed-up', 'bound ms', 'ours % of bound'];
  const rows = bounds.map((b) => {
    const pick = (impl: string) =>
      results.find((r) => r.runtime === b.runtime && r.backend === b.backend && r.cell === b.cell && r.impl === impl);
    const ours = pick('ours')?.msPerStep ?? NaN;
    const layers = pick('tf.layers')?.msPerStep ?? NaN;
    return [
      b.runtime,
      b.backend,
      b.cell,
      ours.toFixed(1),
      layers.toFixed(1),
      `${(layers / ours).toFixed(1)}x`,
      b.msPerStep.toFixed(1),
      `${((100 * b.msPerStep) / ours).toFixed(0)}%`,
    ];
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padStart(width[i])).join('  ')).join('\n');
}

async function main() {
  const json = process.argv.includes('--json');
  const results: TrainResult[] = [];
  const matmulBound: BoundResult[] = [];
  for (const backend of ['wasm', 'cpu'] as NodeBackend[]) {
    await useBackend(backend);
    const r = await runTrainBench('node', REPEATS[backend]);
    results.push(...r.results);
    matmulBound.push(...r.matmulBound);
    if (!json) console.error(`node ${backend}: matMul ${r.gflops.toFixed(1)} GFLOP/s`);
  }
  const c = await runInChromium(REPEATS.wasm);
  results.push(...c.results);
  matmulBound.push(...c.matmulBound);
  if (json) {
    console.log(JSON.stringify({ results, matmulBound }));
  } else {
    const { hidden, steps, batch, vocab } = WORKLOAD;
    console.log(
      `hidden ${hidden}, sequence ${steps}, batch ${batch}, vocabulary ${vocab}; median ms per training step`,
    );
    console.log(table(results, matmulBound));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
