/// <reference lib="webworker" />
import { generateTaskData } from '@/lib/domain/task-data';
import { countParameters, type ModelConfig, type TrainConfig } from '@/lib/model/config';
import { createTrainer } from '@/lib/model/trainer';
import { chooseBackend } from './backend';
import type { FromWorker, ToWorker } from './worker-messages';

/**
 * The training loop, off the page's main thread so the page stays responsive. One run per worker:
 * the page creates a worker per run and terminates it afterwards, which also frees every tensor.
 */
const post = (message: FromWorker) => self.postMessage(message);

const SAMPLE_LENGTH = 200;

let control: 'running' | 'paused' | 'stopping' = 'running';
let wake: (() => void) | null = null;
let temperature = 1;

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
  if (message.type === 'start') {
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
  }
};

async function train(start: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const backend = await chooseBackend(start.backend);
  const data = generateTaskData(start.task, (id) => (id === start.task.params.textId ? start.text : undefined));
  const { config } = start;
  const modelConfig: ModelConfig = {
    cell: config.cell,
    hiddenSize: config.hiddenSize,
    layers: config.layers,
    vocabSize: data.vocab.length,
    embeddingSize: config.embeddingSize,
    init: config.init,
    gateBias: config.gateBias,
    seed: config.seed,
  };
  const trainConfig: TrainConfig = {
    optimizer: config.optimizer,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    seqLength: config.seqLength,
    clipNorm: config.clipNorm,
    steps: start.budgetSteps,
  };
  const trainer = createTrainer(modelConfig, trainConfig, data);
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
    post({ type: 'finished', outcome: step >= start.budgetSteps ? 'completed' : 'stopped', step });
  } finally {
    trainer.dispose();
  }
}
