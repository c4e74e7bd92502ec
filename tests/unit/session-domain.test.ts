import { describe, expect, it } from 'vitest';
import { generateJoinCode } from '@/lib/domain/join-code';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { NO_ROUND, nicknameKey, toSessionView, type SessionRecord } from '@/lib/domain/session';
import { joinCodeSchema } from '@/lib/protocol/schemas';

describe('generateJoinCode', () => {
  it('draws valid codes from the injected source', () => {
    let i = 0;
    const code = generateJoinCode((n) => i++ % n);
    expect(code).toBe('ABCDEF');
    expect(joinCodeSchema.parse(generateJoinCode((n) => n - 1))).toBe('999999');
  });
});

describe('nicknameKey', () => {
  it('treats case and full-width look-alikes as the same name', () => {
    expect(nicknameKey('ADA')).toBe(nicknameKey('ada'));
    expect(nicknameKey('Ａｄａ')).toBe(nicknameKey('Ada'));
    expect(nicknameKey('Ada')).not.toBe(nicknameKey('Adam'));
  });
});

describe('toSessionView', () => {
  const record: SessionRecord = {
    meta: {
      code: 'K7PQ2M',
      createdAt: 1,
      hostTokenHash: 'secret-hash',
      locked: true,
      revision: 7,
      challenge: DEFAULT_CHALLENGE,
      round: NO_ROUND,
      boardVisibility: 'anonymous',
      boardTopN: 5,
    },
    participants: [
      { id: 'b', nickname: 'Bo', tokenHash: 'hb', joinedAt: 20, kicked: false },
      { id: 'k', nickname: 'Kim', tokenHash: 'hk', joinedAt: 5, kicked: true },
      { id: 'a', nickname: 'Al', tokenHash: 'ha', joinedAt: 10, kicked: false },
    ],
  };

  it('lists present participants in join order, without secrets', () => {
    const view = toSessionView(record, 99, { vocabSize: 12 });
    expect(view).toEqual({
      serverNow: 99,
      code: 'K7PQ2M',
      revision: 7,
      locked: true,
      challenge: DEFAULT_CHALLENGE,
      task: { vocabSize: 12 },
      round: NO_ROUND,
      board: { visibility: 'anonymous', topN: 5 },
      participants: [
        { id: 'a', nickname: 'Al', joinedAt: 10 },
        { id: 'b', nickname: 'Bo', joinedAt: 20 },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('hash');
  });
});
