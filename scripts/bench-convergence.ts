import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TASK_IDS, TASKS, type TaskId } from '../lib/data/tasks';
import { CELLS, type CellKind } from '../lib/model/kinds';
import { oneOf } from './bench-lib/args';
import type { Overrides, RunResult } from './bench-lib/convergence-run';

/**
 * Usage: npm run --silent bench:convergence [-- --json] [--seeds N] [--tasks a,b] [--steps N] [--jobs N]
 *   [--model '{"gateBias":3}'] [--train '{"learningRate":0.01}'] [--params '{"delay":40}']
 *   (probes away from the defaults; --cells rnn,lstm to run fewer cells)
 * Trains RNN, LSTM and GRU with N seeds (default 5) on every task at its class budget and the
 * library defaults, two runs at a time (one per core), and checks that on every long-range task the
 * median LSTM and GRU beat the vanilla RNN by at least 10% validation loss, with higher accuracy.
 */
const RUNNER = fileURLToPath(new URL('./bench-lib/convergence-run.ts', import.meta.url));

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A comma-separated option's members of `list` (all of them when the option is absent); throws on others. */
function listOption<T extends string>(name: string, list: readonly T[]): T[] {
  return (
    option(name)
      ?.split(',')
      .map((v) => oneOf(list, v, name.replace(/s$/, ''))) ?? [...list]
  );
}

function runChild(
  task: TaskId,
  cell: CellKind,
  seed: number,
  steps: number | undefined,
  over: Overrides,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const args = [
      '--import',
      'tsx',
      RUNNER,
      task,
      cell,
      String(seed),
      steps ? String(steps) : '-',
      JSON.stringify(over),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as RunResult);
      else reject(new Error(`run ${task} ${cell} ${seed} failed (exit ${code})`));
    });
  });
}

async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median per task and cell, and whether each long-range task shows the gated cells' advantage. */
function summarise(results: RunResult[], tasks: TaskId[], cells: CellKind[]) {
  const rows = tasks.flatMap((task) =>
    cells.map((cell) => {
      const rs = results.filter((r) => r.task === task && r.cell === cell);
      return {
        task,
        cell,
        valLoss: median(rs.map((r) => r.finalValLoss)),
        accuracy: median(rs.map((r) => r.accuracy)),
        gradNormRatio: median(rs.map((r) => r.gradNormRatio)),
        seconds: median(rs.map((r) => r.seconds)),
      };
    }),
  );
  const verdicts = tasks
    .filter((t) => TASKS[t].longRange && cells.length === CELLS.length)
    .map((task) => {
      const get = (cell: CellKind) => rows.find((r) => r.task === task && r.cell === cell) as (typeof rows)[number];
      const rnn = get('rnn');
      const ok = (['lstm', 'gru'] as const).every(
        (c) => get(c).valLoss <= 0.9 * rnn.valLoss && get(c).accuracy > rnn.accuracy,
      );
      return { task, ok };
    });
  return { rows, verdicts };
}

async function main() {
  const json = process.argv.includes('--json');
  const seeds = Number(option('seeds') ?? 5);
  const steps = option('steps') ? Number(option('steps')) : undefined;
  const tasks = listOption('tasks', TASK_IDS);
  const over: Overrides = {
    model: JSON.parse(option('model') ?? '{}'),
    train: JSON.parse(option('train') ?? '{}'),
    params: JSON.parse(option('params') ?? '{}'),
  };
  const cells = listOption('cells', CELLS);
  const jobs = tasks.flatMap((task) =>
    Array.from({ length: seeds }, (_, s) => cells.map((cell) => () => runChild(task, cell, s + 1, steps, over))).flat(),
  );
  const results = await pool(jobs, Number(option('jobs') ?? 2));
  const shortRangeTasks = tasks.filter((t) => !TASKS[t].longRange);
  const { rows, verdicts } = summarise(results, tasks, cells);
  if (json) {
    const lines = results.map(({ task, cell, seed, steps: n, finalValLoss, accuracy, gradNormRatio }) => ({
      task,
      cell,
      seed,
      steps: n,
      finalValLoss,
      accuracy,
      gradNormRatio,
    }));
    console.log(JSON.stringify({ shortRangeTasks, results: lines }));
  } else {
    console.log(
      `median of ${seeds} seeds; validation loss in bits per token; grad ratio = ‖dL/dx_0‖ / ‖dL/dx_T-1‖ after training`,
    );
    console.log('task        cell  steps  val loss  accuracy  grad ratio  s/run');
    for (const r of rows) {
      const n = results.find((x) => x.task === r.task)?.steps ?? 0;
      console.log(
        `${r.task.padEnd(10)}  ${r.cell.padEnd(4)}  ${String(n).padStart(5)}  ${r.valLoss.toFixed(4).padStart(8)}  ${r.accuracy.toFixed(3).padStart(8)}  ${r.gradNormRatio.toExponential(2).padStart(10)}  ${r.seconds.toFixed(0).padStart(5)}`,
      );
    }
    for (const v of verdicts)
      console.log(`${v.task}: LSTM and GRU beat the RNN by >= 10% loss with higher accuracy: ${v.ok ? 'yes' : 'NO'}`);
    if (shortRangeTasks.length) console.log(`short-range (no gap expected): ${shortRangeTasks.join(', ')}`);
  }
  process.exitCode = verdicts.every((v) => v.ok) ? 0 : 1;
}

main();
