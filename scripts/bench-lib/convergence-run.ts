import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TASK_IDS, TASKS, type TaskId } from '../../lib/data/tasks';
import type { TaskData } from '../../lib/data/types';
import { CELLS, type CellKind } from '../../lib/model/kinds';
import { DEFAULT_TRAIN, defaultModelConfig, type ModelConfig, type TrainConfig } from '../../lib/model/config';
import { createTrainer } from '../../lib/model/trainer';
import { oneOf } from './args';
import { useBackend } from './backend';

/** One convergence run's result line (finalValLoss in bits per token). */
export interface RunResult {
  task: TaskId;
  cell: CellKind;
  seed: number;
  steps: number;
  finalValLoss: number;
  accuracy: number;
  /** ‖∂L/∂x_0‖ / ‖∂L/∂x_{T-1}‖ of the last step's loss, after training. */
  gradNormRatio: number;
  seconds: number;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEXT_BYTES = 300_000;

/**
 * The bench's stand-in for an instructor's text: English prose from the Next.js documentation
 * shipped in node_modules (fixed by the lockfile), first files in path order up to 300 kB.
 */
export function benchText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk(`${root}node_modules/next/dist/docs`);
  let text = '';
  for (const f of files) {
    if (text.length >= TEXT_BYTES) break;
    text += readFileSync(f, 'utf8');
  }
  return text.slice(0, TEXT_BYTES);
}

function taskData(task: TaskId, seed: number, params: Record<string, number | string> = {}): TaskData {
  if (task === 'text') return TASKS.text.generate(seed, { ...params, text: benchText() });
  return (TASKS[task].generate as (seed: number, params: object) => TaskData)(seed, params);
}

/** Settings a probe may change from the library defaults (bench:convergence --model / --train). */
export interface Overrides {
  model?: Partial<ModelConfig>;
  train?: Partial<TrainConfig>;
  /** Task parameters instead of the task's defaults. */
  params?: Record<string, number | string>;
}

/** Trains one cell on one task at the task's class budget and the library defaults. */
export function runOne(task: TaskId, cell: CellKind, seed: number, steps?: number, over: Overrides = {}): RunResult {
  const t0 = performance.now();
  const budget = TASKS[task].budget;
  const data = taskData(task, seed, over.params);
  const trainer = createTrainer(
    { ...defaultModelConfig(cell, data.vocab.length, seed), hiddenSize: budget.hiddenSize, ...over.model },
    {
      ...DEFAULT_TRAIN,
      batchSize: budget.batchSize,
      seqLength: budget.seqLength,
      steps: steps ?? budget.steps,
      ...over.train,
    },
    data,
  );
  const total = steps ?? budget.steps;
  for (let i = 0; i < total; i++) trainer.step();
  const metrics = trainer.evaluate();
  const norms = trainer.inspect().gradNorm;
  trainer.dispose();
  return {
    task,
    cell,
    seed,
    steps: total,
    finalValLoss: metrics.valLoss,
    accuracy: metrics.accuracy,
    gradNormRatio: norms[0] / norms[norms.length - 1],
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Child-process entry: argv task cell seed steps|- overridesJSON; prints one JSON line. */
async function main() {
  const [task, cell, seed, steps, over] = process.argv.slice(2);
  const run = { task: oneOf(TASK_IDS, task, 'task'), cell: oneOf(CELLS, cell, 'cell') };
  const n = steps && steps !== '-' ? Number(steps) : undefined;
  const overrides: Overrides = over ? JSON.parse(over) : {};
  await useBackend('wasm');
  console.log(JSON.stringify(runOne(run.task, run.cell, Number(seed), n, overrides)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(() => process.exit(0));
}
