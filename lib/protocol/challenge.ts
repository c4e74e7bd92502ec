import './zod-setup';
import { z } from 'zod';
import { CELLS, INITS, MAX_LAYERS, OPTIMIZERS } from '../model/kinds';

/**
 * What the instructor sets for a round (the challenge) and what a student picks within it (a run's
 * configuration). Names match lib/model's ModelConfig and TrainConfig.
 */

/** The engine's lists (lib/model/kinds.ts, which imports nothing), so the wire accepts what it trains. */
export { CELLS, INITS, OPTIMIZERS };
/**
 * How the board ranks runs: lowest best validation loss (bits per token), or highest best task accuracy
 * (every task measures one: see lib/data). Ties go to the run that reached its score first.
 */
export const RANKING_METRICS = ['valLoss', 'accuracy'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export const cellSchema = z.enum(CELLS);
export type Cell = z.infer<typeof cellSchema>;

/** Hard limits of the engine, whatever a challenge allows: they keep a browser tab alive. */
export const ENGINE_LIMITS = {
  hiddenSize: { min: 4, max: 512 },
  layers: { min: 1, max: MAX_LAYERS },
  embeddingSize: { min: 2, max: 128 },
  learningRate: { min: 1e-5, max: 1 },
  batchSize: { min: 1, max: 128 },
  seqLength: { min: 4, max: 200 },
  clipNorm: { min: 0, max: 100 },
  gateBias: { min: -5, max: 10 },
} as const;
export type BoundedParam = keyof typeof ENGINE_LIMITS;
export const INTEGER_PARAMS: ReadonlySet<BoundedParam> = new Set([
  'hiddenSize',
  'layers',
  'embeddingSize',
  'batchSize',
  'seqLength',
]);

const bounded = (name: BoundedParam) => {
  const { min, max } = ENGINE_LIMITS[name];
  const base = z
    .number()
    .finite()
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);
  return INTEGER_PARAMS.has(name) ? base.int(`${name} must be a whole number`) : base;
};

/** A student's choice for one run. `seed` makes it reproducible. */
export const runConfigSchema = z
  .object({
    cell: cellSchema,
    hiddenSize: bounded('hiddenSize'),
    layers: bounded('layers'),
    embeddingSize: bounded('embeddingSize'),
    learningRate: bounded('learningRate'),
    optimizer: z.enum(OPTIMIZERS),
    batchSize: bounded('batchSize'),
    seqLength: bounded('seqLength'),
    clipNorm: bounded('clipNorm'),
    init: z.enum(INITS),
    gateBias: bounded('gateBias'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();
export type RunConfig = z.infer<typeof runConfigSchema>;

const rangeSchema = (name: BoundedParam) =>
  z
    .object({ min: bounded(name), max: bounded(name) })
    .strict()
    .refine((r) => r.min <= r.max, `${name}: the minimum is above the maximum`);
export type Range = { min: number; max: number };

const boundsShape = Object.fromEntries(
  (Object.keys(ENGINE_LIMITS) as BoundedParam[]).map((name) => [name, rangeSchema(name)]),
) as { [K in BoundedParam]: ReturnType<typeof rangeSchema> };

/**
 * A task, its generator parameters (e.g. the adding problem's delay) and the seed of its data, so the
 * whole class trains and is scored on the same sequences. The task catalog checks id and parameters.
 */
export const taskChoiceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Unknown task'),
    params: z
      .record(z.string().max(40), z.union([z.number().finite(), z.string().max(40)]))
      .refine((p) => Object.keys(p).length <= 16, 'Too many task parameters')
      .default({}),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict();
export type TaskChoice = z.infer<typeof taskChoiceSchema>;

export const challengeSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the challenge a title').max(80),
    task: taskChoiceSchema,
    /** Training steps each run may take. */
    budgetSteps: z.number().int().min(10).max(100_000),
    /** Wall-clock limit of a round in seconds; 0 means the host ends it by hand. */
    timeLimitS: z
      .number()
      .int()
      .min(0)
      .max(4 * 60 * 60),
    allowedCells: z.array(cellSchema).min(1, 'Allow at least one cell').max(CELLS.length),
    allowedOptimizers: z.array(z.enum(OPTIMIZERS)).min(1).max(OPTIMIZERS.length),
    allowedInits: z.array(z.enum(INITS)).min(1).max(INITS.length),
    bounds: z.object(boundsShape).strict(),
    maxParameters: z.number().int().min(100).max(5_000_000),
    runsPerStudent: z.number().int().min(1).max(50),
    rankingMetric: z.enum(RANKING_METRICS),
    /** What the student's form starts from; must itself satisfy the challenge. */
    defaults: runConfigSchema.omit({ seed: true }),
  })
  .strict();
export type Challenge = z.infer<typeof challengeSchema>;
