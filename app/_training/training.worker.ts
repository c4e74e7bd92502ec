/// <reference lib="webworker" />
// SHA-256 in JavaScript: crypto.subtle exists only in secure contexts, and a classroom's plain-http
// address is not one.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateTaskData } from '@/lib/domain/task-data';
import { modelConfigOf } from '@/lib/domain/run-model';
import { countParameters, type TrainConfig } from '@/lib/model/config';
import { createTrainer, resumeTrainer } from '@/lib/model/trainer';
import { chooseBackend, startBackend } from './backend';
import { reportsAt } from './report-steps';
import { deleteCheckpoint, saveCheckpoint } from './run-checkpoints';
import { submitWeights } from './submit-weights';
import type { FromProbe, FromWorker, ProbeRequest, ProgressMessage, RunSetup, ToWorker } from './worker-messages';

/**
 * The training loop, off the page's main thread so the page stays responsive. One run per worker:
 * the page creates a worker per run and terminates it afterwards, which also frees every tensor.
 */
const post = (message: FromWorker | FromProbe) => self.postMessage(message);

const SAMPLE_LENGTH = 200;
/** How often a running run saves its progress for a reloaded page: a few seconds of training at most is lost. */
const CHECKPOINT_EVERY_MS = 3000;

let control: 'running' | 'paused' | 'stopping' = 'running';
let wake: (() => void) | null = null;
let temperature = 1;
/** Submits the run's best weights so far; set while a run trains. */
let submitBest: (() => Promise<void>) | null = null;

// A MessageChannel round trip lets queued control messages run between steps without a timer's delay.
const channel = new MessageChannel();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'probe') {
    probe(message).catch(() => post({ type: 'probe-unavailable' }));
  } else if (message.type === 'start') {
    temperature = message.temperature;
    void train(message);
  } else if (message.type === 'pause') {
    control = 'paused';
  } else if (message.type === 'resume' || message.type === 'stop') {
    control = message.type === 'stop' ? 'stopping' : 'running';
    wake?.();
  } else if (message.type === 'temperature') {
    temperature = message.value;
  } else if (message.type === 'submit') {
    void submitBest?.();
  }
};

/**
 * Times training steps of the run's model on exactly `request.backend`: one warm-up step, then
 * `request.timedSteps`. The page terminates this worker when a phase overruns, which frees its tensors.
 */
async function probe(request: ProbeRequest): Promise<void> {
  if (!(await startBackend(request.backend))) {
    post({ type: 'probe-unavailable' });
    return;
  }
  const { data, modelConfig, trainConfig } = runSetup(request, request.timedSteps + 1);
  const trainer = createTrainer(modelConfig, trainConfig, data);
  post({ type: 'probe-started' });
  trainer.step();
  post({ type: 'probe-warm' });
  const began = performance.now();
  for (let i = 0; i < request.timedSteps; i++) trainer.step();
  post({ type: 'probe-measured', msPerStep: (performance.now() - began) / request.timedSteps });
  trainer.dispose();
}

/** The run's data and configs for `steps` steps. */
function runSetup(setup: RunSetup, steps: number) {
  const data = generateTaskData(setup.task, (id) => (id === setup.task.params.textId ? setup.text : undefined));
  const { config } = setup;
  const modelConfig = modelConfigOf(config, data.vocab.length);
  const trainConfig: TrainConfig = {
    optimizer: config.optimizer,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    seqLength: config.seqLength,
    clipNorm: config.clipNorm,
    steps,
  };
  return { data, modelConfig, trainConfig };
}

type Start = Extract<ToWorker, { type: 'start' }>;

/**
 * Trains the run. However it ends, its checkpoint goes (nothing is left to resume), and before the last
 * message, since the page terminates the worker when it hears it.
 */
async function train(start: Start): Promise<void> {
  let last: FromWorker;
  try {
    last = await trainRun(start);
  } catch (err) {
    last = { type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  await deleteCheckpoint(start.checkpoint).catch(() => undefined);
  post(last);
}

/** Trains until the budget is spent or the page stops the run; resolves with the `finished` message to send. */
async function trainRun(start: Start): Promise<FromWorker> {
  const resumed = start.resumeFrom;
  const backend = await chooseBackend(resumed?.backend ?? start.backend);
  const { config } = start;
  const { data, modelConfig, trainConfig } = runSetup(start, start.budgetSteps);
  const trainer = resumed
    ? await resumeTrainer(modelConfig, trainConfig, data, resumed.trainer)
    : createTrainer(modelConfig, trainConfig, data);
  // A resumed run keeps the schedule it started with, so its points fall on the same steps.
  const schedule = resumed ?? start;
  post({ type: 'ready', backend, parameterCount: countParameters(modelConfig), vocabSize: data.vocab.length });

  const inspect = (step: number) => {
    const inspection = trainer.inspect();
    post({
      type: 'inspection',
      step,
      tokens: inspection.tokens.map((id) => data.vocab[id]),
      gates: inspection.gates,
      gradNorm: inspection.gradNorm,
      sample: { text: trainer.sample(temperature, SAMPLE_LENGTH, step), temperature },
    });
  };

  // The weights at the run's best validation step: what the server scores on its secret test split. A
  // resumed run brings them from its checkpoint, or it would submit a later, worse step's and be flagged.
  let best: { valLoss: number; weights: Uint8Array } | null = resumed?.best ?? null;
  // Once accepted, not again: the round's end submits while training may go on, and the server keeps the
  // first upload of a run (a second, once scored, is refused).
  let submitted = false;
  submitBest = async () => {
    if (submitted) return;
    const reason = await submitWeights(start.submit, best?.weights ?? trainer.exportWeights());
    if (reason) console.warn(`The run's weights were not submitted: ${reason}`);
    else submitted = true;
  };

  const tokensPerStep = config.batchSize * config.seqLength;
  let elapsedMs = resumed?.elapsedMs ?? 0;
  let lossSum = 0;
  let lossCount = 0;
  let step = resumed?.trainer.step ?? 0;
  // Tokens per second counts this page's steps only: a resumed run's earlier time was another page's.
  const firstStep = step;
  const firstElapsedMs = elapsedMs;
  // Taken right after a report, when no loss is pending: the points made so far are the whole outbox.
  const points: ProgressMessage['point'][] = resumed ? [...resumed.points] : [];
  let savedAt = performance.now();
  const checkpoint = async () => {
    savedAt = performance.now();
    try {
      await saveCheckpoint({
        ...start.checkpoint,
        config,
        task: start.task,
        backend,
        budgetSteps: schedule.budgetSteps,
        reportEvery: schedule.reportEvery,
        evalEvery: schedule.evalEvery,
        inspectEvery: schedule.inspectEvery,
        elapsedMs,
        points,
        best,
        trainer: await trainer.checkpoint(),
      });
      post({ type: 'checkpointed', step });
    } catch {
      // No IndexedDB here (a private window, a full disk): the run trains on, it just cannot be resumed.
    }
  };

  try {
    while (step < schedule.budgetSteps) {
      await yieldToMessages();
      if (control === 'paused') await new Promise<void>((resolve) => (wake = resolve));
      if (control === 'stopping') break;
      const began = performance.now();
      const result = trainer.step();
      step = result.step;
      lossSum += result.loss;
      lossCount += 1;
      const last = step === schedule.budgetSteps;
      const evaluation = step % schedule.evalEvery === 0 || last ? trainer.evaluate() : null;
      elapsedMs += performance.now() - began;
      if (evaluation && evaluation.valLoss < (best?.valLoss ?? Infinity))
        best = { valLoss: evaluation.valLoss, weights: trainer.exportWeights() };
      if (reportsAt(step, schedule.reportEvery, schedule.budgetSteps)) {
        const point = {
          step,
          trainLoss: lossSum / lossCount,
          ...(evaluation ? { valLoss: evaluation.valLoss, accuracy: evaluation.accuracy } : {}),
          tokensPerSec: (tokensPerStep * (step - firstStep)) / ((elapsedMs - firstElapsedMs) / 1000),
          elapsedMs,
        };
        points.push(point);
        post({ type: 'progress', point });
        lossSum = 0;
        lossCount = 0;
      }
      // Gates, gradients and a sample cost a few steps: the first inspection waits for the first point.
      if (step === firstStep + 1 || step % schedule.inspectEvery === 0 || last) inspect(step);
      if (!last && step % schedule.reportEvery === 0 && performance.now() - savedAt >= CHECKPOINT_EVERY_MS)
        await checkpoint();
    }
    // The page ends this worker on `finished`: the weights go first.
    await submitBest();
    return {
      type: 'finished',
      outcome: step >= schedule.budgetSteps ? 'completed' : 'stopped',
      step,
      weightsSha256: bytesToHex(sha256(trainer.exportWeights())),
    };
  } finally {
    submitBest = null;
    trainer.dispose();
  }
}
