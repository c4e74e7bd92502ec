import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';
import { SESSION_TTL_S } from './keys';
import type { AddParticipantResult, Store } from './store';

interface Entry {
  record: SessionRecord;
  nicknameKeys: Set<string>;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

/** What one session's file holds. */
interface SessionFile {
  record: SessionRecord;
  nicknameKeys: string[];
  expiresAt: number;
}

export interface MemoryStoreOptions {
  /** When set, every session is written to `<dataDir>/sessions/<code>.json` and read back on open. */
  dataDir?: string;
  /** Milliseconds since the Unix epoch; injected for tests. */
  now?: () => number;
}

/**
 * The embedded store: one process, no Redis. With a data folder, each change is written through to disk
 * (write to a temporary file, then rename, so a crash never leaves half a file) before the call resolves.
 */
export class MemoryStore implements Store {
  private readonly sessions = new Map<string, Entry>();
  /** Per-session write chains keep file writes in order without blocking other sessions. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly dir: string | null;

  private constructor(options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
    this.dir = options.dataDir ? path.join(options.dataDir, 'sessions') : null;
  }

  /** Opens the store, loading every unexpired session file from the data folder. */
  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(options);
    if (store.dir) {
      await mkdir(store.dir, { recursive: true });
      await store.load(store.dir);
    }
    return store;
  }

  async createSession(meta: SessionMeta): Promise<boolean> {
    if (this.live(meta.code)) return false;
    this.sessions.set(meta.code, { record: { meta, participants: [] }, nicknameKeys: new Set(), expiresAt: 0 });
    await this.touch(meta.code);
    return true;
  }

  async getSession(code: string): Promise<SessionRecord | null> {
    const entry = this.live(code);
    return entry ? structuredClone(entry.record) : null;
  }

  async addParticipant(code: string, participant: Participant, nicknameKey: string): Promise<AddParticipantResult> {
    const entry = this.live(code);
    if (!entry) return 'not-found';
    if (entry.record.meta.locked) return 'locked';
    if (entry.nicknameKeys.has(nicknameKey)) return 'nickname-taken';
    entry.nicknameKeys.add(nicknameKey);
    entry.record.participants.push(structuredClone(participant));
    await this.touch(code, true);
    return 'ok';
  }

  async markKicked(code: string, participantId: string): Promise<boolean> {
    const participant = this.live(code)?.record.participants.find((p) => p.id === participantId);
    if (!participant) return false;
    participant.kicked = true;
    await this.touch(code, true);
    return true;
  }

  async setLocked(code: string, locked: boolean): Promise<boolean> {
    const entry = this.live(code);
    if (!entry) return false;
    entry.record.meta.locked = locked;
    await this.touch(code, true);
    return true;
  }

  async close(): Promise<void> {
    await Promise.all(this.writes.values());
  }

  private live(code: string): Entry | null {
    const entry = this.sessions.get(code);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.sessions.delete(code);
      return null;
    }
    return entry;
  }

  /** Extends the session's lifetime, counts a change, and, with a data folder, writes it through. */
  private touch(code: string, changed = false): Promise<void> {
    const entry = this.sessions.get(code);
    if (!entry) return Promise.resolve();
    if (changed) entry.record.meta.revision += 1;
    entry.expiresAt = this.now() + SESSION_TTL_S * 1000;
    if (!this.dir) return Promise.resolve();
    const file: SessionFile = { record: entry.record, nicknameKeys: [...entry.nicknameKeys], expiresAt: entry.expiresAt };
    const json = JSON.stringify(file);
    const target = path.join(this.dir, `${code}.json`);
    const write = (this.writes.get(code) ?? Promise.resolve()).then(async () => {
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, target);
    });
    this.writes.set(code, write);
    return write;
  }

  private async load(dir: string): Promise<void> {
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      const file = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as SessionFile;
      if (file.expiresAt <= this.now()) continue;
      this.sessions.set(file.record.meta.code, {
        record: file.record,
        nicknameKeys: new Set(file.nicknameKeys),
        expiresAt: file.expiresAt,
      });
    }
  }
}
