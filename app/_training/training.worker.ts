/// <reference lib="webworker" />
import { generateTaskData } from '@/lib/domain/task-data';
import { modelConfigOf } from '@/lib/domain/run-model';
import { countParameters, type TrainConfig } from '@/lib/model/config';
import { createTrainer } from '@/lib/model/trainer';
import { chooseBackend, startBackend } from './backend';
import { submitWeights } from './submit-weights';
import type { FromProbe, FromWorker, ProbeRequest, RunSetup, ToWorker } from './worker-messages';

/**
 * The training loop, off the page's main thread so the page stays responsive. One run per worker:
 * the page creates a worker per run and terminates it afterwards, which also frees every tensor.
 */
const post = (message: FromWorker | FromProbe) => self.postMessage(message);

const SAMPLE_LENGTH = 200;

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
    train(message).catch((err: unknown) =>
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
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
  const { trainer } = buildTrainer(request, request.timedSteps + 1);
  post({ type: 'probe-started' });
  trainer.step();
  post({ type: 'probe-warm' });
  const began = performance.now();
  for (let i = 0; i < request.timedSteps; i++) trainer.step();
  post({ type: 'probe-measured', msPerStep: (performance.now() - began) / request.timedSteps });
  trainer.dispose();
}

/** The run's data and a trainer for `steps` steps on the current backend. */
function buildTrainer(setup: RunSetup, steps: number) {
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
  return { data, modelConfig, trainer: createTrainer(modelConfig, trainConfig, data) };
}

async function train(start: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const backend = await chooseBackend(start.backend);
  const { config } = start;
  const { data, modelConfig, trainer } = buildTrainer(start, start.budgetSteps);
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

  // The weights at the run's best validation step: what the server scores on its secret test split.
  let best: { valLoss: number; weights: Uint8Array } | null = null;
  submitBest = async () => {
    const reason = await submitWeights(start.submit, best?.weights ?? trainer.exportWeights());
    if (reason) console.warn(`The run's weights were not submitted: ${reason}`);
  };

  const tokensPerStep = config.batchSize * config.seqLength;
  let elapsedMs = 0;
  let lossSum = 0;
  let lossCount = 0;
  let step = 0;
  try {
    inspect(0);
    while (step < start.budgetSteps) {
      await yieldToMessages();
      if (control === 'paused') await new Promise<void>((resolve) => (wake = resolve));
      if (control === 'stopping') break;
      const began = performance.now();
      const result = trainer.step();
      step = result.step;
      lossSum += result.loss;
      lossCount += 1;
      const last = step === start.budgetSteps;
      const evaluation = step % start.evalEvery === 0 || last ? trainer.evaluate() : null;
      elapsedMs += performance.now() - began;
      if (evaluation && evaluation.valLoss < (best?.valLoss ?? Infinity))
        best = { valLoss: evaluation.valLoss, weights: trainer.exportWeights() };
      if (step % start.reportEvery === 0 || last) {
        post({
          type: 'progress',
          point: {
            step,
            trainLoss: lossSum / lossCount,
            ...(evaluation ? { valLoss: evaluation.valLoss, accuracy: evaluation.accuracy } : {}),
            tokensPerSec: (tokensPerStep * step) / (elapsedMs / 1000),
            elapsedMs,
          },
        });
        lossSum = 0;
        lossCount = 0;
      }
      if (step % start.inspectEvery === 0 || last) inspect(step);
    }
    // The page ends this worker on `finished`: the weights go first.
    await submitBest();
    post({ type: 'finished', outcome: step >= start.budgetSteps ? 'completed' : 'stopped', step });
  } finally {
    submitBest = null;
    trainer.dispose();
  }
}
