import type { Participant, SessionMeta, SessionRecord } from '../../lib/domain/session';
import { SESSION_TTL_S, sessionKeys } from './keys';
import type { RedisClient } from './redis-connection';
import type { AddParticipantResult, Store } from './store';

// Each mutation is one Lua script so that the check and the write are atomic across server instances.
// Each counts one revision and refreshes the TTL of all the session's keys, so a session expires as a whole.
const REFRESH_TTL = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('EXPIRE', key, ARGV[1]) end
end`;
const CHANGED = `
redis.call('HINCRBY', KEYS[1], 'revision', 1)
${REFRESH_TTL}`;

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'code', ARGV[2], 'createdAt', ARGV[3], 'hostTokenHash', ARGV[4], 'locked', ARGV[5], 'revision', ARGV[6])
${REFRESH_TTL}
return 1`;

const ADD_PARTICIPANT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if redis.call('HGET', KEYS[1], 'locked') == '1' then return 'locked' end
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[3]) == 0 then return 'nickname-taken' end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
${CHANGED}
return 'ok'`;

const MARK_KICKED = `
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then return 0 end
redis.call('SADD', KEYS[4], ARGV[2])
${CHANGED}
return 1`;

const SET_LOCKED = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'locked', ARGV[2])
${CHANGED}
return 1`;

/** The shared store for several server instances. The client must already be connected. */
export class RedisStore implements Store {
  constructor(private readonly client: RedisClient) {}

  async createSession(meta: SessionMeta): Promise<boolean> {
    const args = [meta.code, String(meta.createdAt), meta.hostTokenHash, meta.locked ? '1' : '0', String(meta.revision)];
    return (await this.run(CREATE, meta.code, args)) === 1;
  }

  async getSession(code: string): Promise<SessionRecord | null> {
    const keys = sessionKeys(code);
    // MULTI, so the three reads see one consistent moment.
    const [meta, participants, kicked] = await this.client
      .multi()
      .hGetAll(keys.meta)
      .hVals(keys.participants)
      .sMembers(keys.kicked)
      .execTyped();
    if (!meta.code) return null;
    return {
      meta: {
        code: meta.code,
        createdAt: Number(meta.createdAt),
        hostTokenHash: meta.hostTokenHash,
        locked: meta.locked === '1',
        revision: Number(meta.revision),
      },
      participants: participants.map((raw) => {
        const participant = JSON.parse(raw) as Participant;
        return { ...participant, kicked: kicked.includes(participant.id) };
      }),
    };
  }

  async addParticipant(code: string, participant: Participant, nicknameKey: string): Promise<AddParticipantResult> {
    const result = await this.run(ADD_PARTICIPANT, code, [nicknameKey, participant.id, JSON.stringify(participant)]);
    return result as AddParticipantResult;
  }

  async markKicked(code: string, participantId: string): Promise<boolean> {
    return (await this.run(MARK_KICKED, code, [participantId])) === 1;
  }

  async setLocked(code: string, locked: boolean): Promise<boolean> {
    return (await this.run(SET_LOCKED, code, [locked ? '1' : '0'])) === 1;
  }

  /** The connection belongs to whoever created it (it is shared with the Socket.IO adapter). */
  async close(): Promise<void> {}

  /** Runs a script over all the session's keys; ARGV[1] is always the TTL in seconds. */
  private run(script: string, code: string, args: string[]) {
    const keys = sessionKeys(code);
    return this.client.eval(script, {
      keys: [keys.meta, keys.participants, keys.nicknames, keys.kicked],
      arguments: [String(SESSION_TTL_S), ...args],
    });
  }
}
