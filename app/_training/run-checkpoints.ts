import { z } from 'zod';
import { runConfigSchema, taskChoiceSchema } from '@/lib/protocol/challenge';
import { metricPointSchema, runIdSchema } from '@/lib/protocol/run';
import { BACKEND_NAMES } from './backend-names';

/**
 * A running run's progress, saved in this browser's IndexedDB every few seconds by the training worker so
 * a reloaded page can resume it. One record per (session code, participant, run id); the worker deletes it
 * when the run ends. Read back through its schema: anything else is a damaged checkpoint.
 */
const CHECKPOINT_FORMAT = 1;
const DB_NAME = 'rnn-arena';
const DB_VERSION = 1;
const STORE = 'run-checkpoints';

// Typed as the engine types them (any backing buffer); what IndexedDB gives back is a plain copy.
const floats = z.custom<Float32Array>((v) => v instanceof Float32Array);
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array);

export const runCheckpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    code: z.string(),
    participantId: z.string(),
    runId: runIdSchema,
    /** Milliseconds since the epoch: a checkpoint a day old belongs to a round long over (pruneCheckpoints). */
    savedAt: z.number().finite(),
    config: runConfigSchema,
    task: taskChoiceSchema,
    /** The backend it trained on: another backend's arithmetic could differ in the last bits. */
    backend: z.enum(BACKEND_NAMES),
    /** The run's schedule, so the resumed worker reports at the same steps. */
    budgetSteps: z.number().int().min(1),
    reportEvery: z.number().int().min(1),
    evalEvery: z.number().int().min(1),
    inspectEvery: z.number().int().min(1),
    /** Training time up to `trainer.step`, pauses excluded. */
    elapsedMs: z.number().finite().min(0),
    /** Every point the run made up to `trainer.step`, in order: a point's index is its outbox `seq`. */
    points: z.array(metricPointSchema.omit({ seq: true })),
    /** The weights at the best validation step so far and that loss: what the run submits for scoring. */
    best: z.object({ valLoss: z.number().finite(), weights: bytes }).strict().nullable(),
    trainer: z.object({
      step: z.number().int().min(1),
      weights: bytes,
      optimizer: z.object({
        slots: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().min(0)), values: floats })),
        adamPowers: z.tuple([z.number(), z.number()]).nullable(),
      }),
      carried: z.array(floats),
    }),
  })
  .strict();
export type RunCheckpoint = z.infer<typeof runCheckpointSchema>;

export interface CheckpointKey {
  code: string;
  participantId: string;
  runId: string;
}

const keyOf = ({ code, participantId, runId }: CheckpointKey) => [code, participantId, runId];

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one request in its own transaction and resolves when that transaction has committed. */
async function transact<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Replaces the run's checkpoint (worker or page). Rejects when IndexedDB refuses (quota, private mode). */
export function saveCheckpoint(checkpoint: Omit<RunCheckpoint, 'format' | 'savedAt'>): Promise<IDBValidKey> {
  return transact('readwrite', (store) =>
    store.put({ format: CHECKPOINT_FORMAT, savedAt: Date.now(), ...checkpoint }, keyOf(checkpoint)),
  );
}

/** A run is resumable only while its round runs: a checkpoint older than this can never be used. */
const CHECKPOINT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes every checkpoint saved more than a day before `now`, or unreadable: runs their student never
 * came back to (another class, an earlier round), which would otherwise stay in this browser for good.
 * Resolves with how many went.
 */
export async function pruneCheckpoints(now: number): Promise<number> {
  const db = await open();
  try {
    return await new Promise<number>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      const request = tx.objectStore(STORE).openCursor();
      let deleted = 0;
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return;
        const savedAt = (cursor.value as { savedAt?: unknown } | null)?.savedAt;
        if (typeof savedAt !== 'number' || now - savedAt > CHECKPOINT_MAX_AGE_MS) {
          cursor.delete();
          deleted += 1;
        }
        cursor.continue();
      };
      tx.oncomplete = () => resolve(deleted);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Forgets the run's checkpoint; resolves also when there was none. */
export async function deleteCheckpoint(key: CheckpointKey): Promise<void> {
  await transact('readwrite', (store) => store.delete(keyOf(key)));
}

/**
 * The run's checkpoint: 'none' when this browser has none, 'damaged' when what it holds does not read back
 * through the schema or belongs to another run.
 */
export async function loadCheckpoint(key: CheckpointKey): Promise<RunCheckpoint | 'none' | 'damaged'> {
  const stored: unknown = await transact('readonly', (store) => store.get(keyOf(key)));
  if (stored === undefined) return 'none';
  const parsed = runCheckpointSchema.safeParse(stored);
  if (!parsed.success || parsed.data.runId !== key.runId || parsed.data.code !== key.code) return 'damaged';
  return parsed.data;
}
