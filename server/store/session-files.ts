import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SessionRecord } from '../../lib/domain/session';
import type { MetricPoint, RunView } from '../../lib/protocol/run';

/**
 * What `session.json` holds: everything but metric points and texts, so rewriting it stays cheap. Run
 * summaries and the lifetime are as of the last write; the points log brings them up to date on load.
 */
export interface SessionFile {
  record: SessionRecord;
  nicknameKeys: string[];
  runs: RunView[];
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
}

const SESSION = 'session.json';
const POINTS = 'points.ndjson';
const TEXTS = 'texts.json';

/**
 * The embedded store's disk layout, one folder per session under `dir`:
 * - `session.json`: participants, settings and run summaries, replaced whole (temporary file, then rename);
 * - `points.ndjson`: metric points, appended in batches, so a class of 200 runs × 1,000 points is never
 *   rewritten (a line cut short by a crash is skipped on load);
 * - `texts.json`: uploaded texts, written only when one is added.
 */
export class SessionFiles {
  /** Session folders known to exist, so a write does not ask the file system first. */
  private readonly folders = new Set<string>();

  constructor(private readonly dir: string) {}

  async writeSession(code: string, file: SessionFile): Promise<void> {
    await this.replace(code, SESSION, JSON.stringify(file));
  }

  async appendPoints(code: string, batches: PointsBatch[]): Promise<void> {
    await this.ensureFolder(code);
    // Each line starts with its newline: a line a crash cut short stays alone on its line and is skipped.
    await appendFile(path.join(this.folder(code), POINTS), batches.map((b) => '\n' + JSON.stringify(b)).join(''));
  }

  async writeTexts(code: string, texts: [string, string][]): Promise<void> {
    await this.replace(code, TEXTS, JSON.stringify(texts));
  }

  /** Every session folder on disk; one without a session file (cut short before its first write) is deleted. */
  async loadAll(): Promise<LoadedSession[]> {
    await mkdir(this.dir, { recursive: true });
    const loaded: LoadedSession[] = [];
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const code = entry.name;
      const file = await readJson<SessionFile>(path.join(this.folder(code), SESSION));
      if (!file) {
        await this.remove(code);
        continue;
      }
      this.folders.add(code);
      const points = ((await readOptional(path.join(this.folder(code), POINTS))) ?? '').split('\n').flatMap((line) => {
        try {
          return line ? [JSON.parse(line) as PointsBatch] : [];
        } catch {
          return [];
        }
      });
      const texts = (await readJson<[string, string][]>(path.join(this.folder(code), TEXTS))) ?? [];
      loaded.push({ file, points, texts });
    }
    return loaded;
  }

  async remove(code: string): Promise<void> {
    this.folders.delete(code);
    await rm(this.folder(code), { recursive: true, force: true });
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

async function readJson<T>(file: string): Promise<T | null> {
  const text = await readOptional(file);
  return text === null ? null : (JSON.parse(text) as T);
}
