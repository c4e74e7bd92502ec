import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SessionRecord } from '../../lib/domain/session';
import type { MetricPoint, RunView } from '../../lib/protocol/run';
import { verificationSchema, type Verification } from '../../lib/protocol/verification';
import type { ReviewKey, RoundChallenge } from './store';
import {
  participantSchema,
  reviewKeySchema,
  roundChallengeSchema,
  readStored,
  parseStoredJson,
  runViewSchema,
  sessionMetaSchema,
  STORE_FORMAT,
  storedPointSchema,
  StoredDataError,
  testSeedSchema,
} from './formats';

/**
 * What `session.json` holds: everything but metric points and texts, so rewriting it stays cheap. Run
 * summaries and the lifetime are as of the last write; the points log brings them up to date on load.
 */
export interface SessionFile {
  record: SessionRecord;
  nicknameKeys: string[];
  runs: RunView[];
  reviewKeys: ReviewKey[];
  roundChallenges: RoundChallenge[];
  /** The secret seed of each round's test split. */
  testSeeds: { round: number; testSeed: number }[];
  /** The scoring of each run that submitted weights. */
  verifications: { runId: string; verification: Verification }[];
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

/** One batch of a run's points as it arrived: a line of `points.ndjson`. */
export interface PointsBatch {
  runId: string;
  /** Milliseconds since the Unix epoch. */
  receivedAt: number;
  points: MetricPoint[];
}

export interface LoadedSession {
  file: SessionFile;
  points: PointsBatch[];
  texts: [string, string][];
  /** Submitted weights by run id (those still waiting to be scored). */
  weights: [string, Uint8Array][];
}

const sessionFileSchema = z.object({
  record: z.object({ meta: sessionMetaSchema, participants: z.array(participantSchema) }),
  nicknameKeys: z.array(z.string()),
  runs: z.array(runViewSchema),
  // Absent from files written before review links and per-round challenges existed: none then.
  reviewKeys: z.array(reviewKeySchema).default([]),
  roundChallenges: z.array(roundChallengeSchema).default([]),
  // Absent from files written before verified scores: those rounds have no secret test split.
  testSeeds: z.array(z.object({ round: z.number().int().min(1), testSeed: testSeedSchema })).default([]),
  verifications: z.array(z.object({ runId: z.string().min(1), verification: verificationSchema })).default([]),
  expiresAt: z.number(),
}) satisfies z.ZodType<SessionFile>;

const pointsBatchSchema = z.object({
  runId: z.string().min(1),
  receivedAt: z.number(),
  points: z.array(storedPointSchema),
}) satisfies z.ZodType<PointsBatch>;

const textsV1Schema = z.array(z.tuple([z.string(), z.string()]));

const SESSION = 'session.json';
const POINTS = 'points.ndjson';
const TEXTS = 'texts';
/** Format 1 kept every text in one JSON list, rewritten whole on each upload. */
const TEXTS_V1 = 'texts.json';
const TEXT_FILE = /^([0-9a-f]{16})\.txt$/;
const WEIGHTS = 'weights';
const WEIGHTS_FILE = /^([A-Za-z0-9_-]{16,64})\.bin$/;

/** Splits a stored object into its format number and the rest. */
function unwrap(value: unknown): { format: unknown; rest: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { format: undefined, rest: value };
  const { format, ...rest } = value as Record<string, unknown>;
  return { format, rest };
}

/**
 * The embedded store's disk layout, one folder per session under `dir`:
 * - `session.json`: participants, settings and run summaries, replaced whole (temporary file, then rename);
 * - `points.ndjson`: metric points, appended in batches, so a class of 200 runs × 1,000 points is never
 *   rewritten (a line cut short by a crash is skipped on load);
 * - `texts/<textId>.txt`: each uploaded text, written once, as it is;
 * - `weights/<runId>.bin`: a run's submitted weights while they wait to be scored (the blob's own header
 *   carries its format).
 * The session file and each line of the log carry STORE_FORMAT and are read back through their schemas.
 * Format 1's `texts.json` (every text in one list) is still read.
 */
export class SessionFiles {
  /** Session folders known to exist, so a write does not ask the file system first. */
  private readonly folders = new Set<string>();

  constructor(private readonly dir: string) {}

  async writeSession(code: string, file: SessionFile): Promise<void> {
    await this.replace(code, SESSION, JSON.stringify({ format: STORE_FORMAT, ...file }));
  }

  async appendPoints(code: string, batches: PointsBatch[]): Promise<void> {
    await this.ensureFolder(code);
    // Each line starts with its newline: a line a crash cut short stays alone on its line and is skipped.
    const lines = batches.map((b) => '\n' + JSON.stringify({ format: STORE_FORMAT, ...b }));
    await appendFile(path.join(this.folder(code), POINTS), lines.join(''));
  }

  /** Writes one uploaded text to `texts/<textId>.txt`, as it is. */
  async writeText(code: string, textId: string, text: string): Promise<void> {
    await mkdir(path.join(this.folder(code), TEXTS), { recursive: true });
    await this.replace(code, path.join(TEXTS, `${textId}.txt`), text);
  }

  /** Writes a run's submitted weights to `weights/<runId>.bin`, or removes that file when `weights` is null. */
  async writeWeights(code: string, runId: string, weights: Uint8Array | null): Promise<void> {
    const file = path.join(this.folder(code), WEIGHTS, `${runId}.bin`);
    if (weights === null) return rm(file, { force: true });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, weights);
  }

  /**
   * Every session folder on disk; one without a session file (cut short before its first write) is
   * deleted. A session this server cannot read (a newer format, a damaged file) is reported through
   * `onUnreadable` and left on disk untouched.
   */
  async loadAll(onUnreadable: (code: string, err: StoredDataError) => void): Promise<LoadedSession[]> {
    await mkdir(this.dir, { recursive: true });
    const loaded: LoadedSession[] = [];
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const code = entry.name;
      try {
        const session = await this.load(code);
        if (session) loaded.push(session);
        else await this.remove(code);
      } catch (err) {
        if (!(err instanceof StoredDataError)) throw err;
        onUnreadable(code, err);
      }
    }
    return loaded;
  }

  async remove(code: string): Promise<void> {
    this.folders.delete(code);
    await rm(this.folder(code), { recursive: true, force: true });
  }

  private async load(code: string): Promise<LoadedSession | null> {
    const sessionJson = await readOptional(path.join(this.folder(code), SESSION));
    if (sessionJson === null) return null;
    const where = (name: string) => `Session ${code}'s ${name}`;
    const stored = unwrap(parseStoredJson(sessionJson, where(SESSION)));
    const file = readStored(sessionFileSchema, stored.rest, stored.format, where(SESSION));
    this.folders.add(code);
    const log = (await readOptional(path.join(this.folder(code), POINTS))) ?? '';
    const points = log.split('\n').flatMap((line) => {
      if (!line) return [];
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return []; // the last line of a write a crash cut short
      }
      const { format, rest } = unwrap(value);
      return [readStored(pointsBatchSchema, rest, format, where(POINTS))];
    });
    const textsV1 = await readOptional(path.join(this.folder(code), TEXTS_V1));
    const texts: [string, string][] =
      textsV1 === null ? [] : readStored(textsV1Schema, parseStoredJson(textsV1, where(TEXTS_V1)), 1, where(TEXTS_V1));
    for (const name of await readdir(path.join(this.folder(code), TEXTS)).catch(() => [])) {
      const textId = name.match(TEXT_FILE)?.[1];
      if (textId) texts.push([textId, await readFile(path.join(this.folder(code), TEXTS, name), 'utf8')]);
    }
    const weights: [string, Uint8Array][] = [];
    for (const name of await readdir(path.join(this.folder(code), WEIGHTS)).catch(() => [])) {
      const runId = name.match(WEIGHTS_FILE)?.[1];
      if (runId) weights.push([runId, new Uint8Array(await readFile(path.join(this.folder(code), WEIGHTS, name)))]);
    }
    return { file, points, texts, weights };
  }

  private folder(code: string): string {
    return path.join(this.dir, code);
  }

  private async ensureFolder(code: string): Promise<void> {
    if (this.folders.has(code)) return;
    await mkdir(this.folder(code), { recursive: true });
    this.folders.add(code);
  }

  private async replace(code: string, name: string, content: string): Promise<void> {
    await this.ensureFolder(code);
    const target = path.join(this.folder(code), name);
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, content);
    await rename(tmp, target);
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
