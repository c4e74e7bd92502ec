import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, joinCodeSchema, nicknameSchema, sessionResumeRequest } from '@/lib/protocol/schemas';

describe('joinCodeSchema', () => {
  it('normalises what people type', () => {
    expect(joinCodeSchema.parse(' k7p-q2m ')).toBe('K7PQ2M');
    expect(joinCodeSchema.parse('k7p q2m')).toBe('K7PQ2M');
  });

  it.each(['K7PQ2', 'K7PQ2MM', 'K0PQ2M', 'K1PQ2M', 'KOPQ2M', 'KIPQ2M', 'KLPQ2M', ''])('refuses %j', (code) => {
    expect(joinCodeSchema.safeParse(code).success).toBe(false);
  });

  it('has no look-alike characters in its alphabet', () => {
    for (const c of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });
});

describe('nicknameSchema', () => {
  it('trims and folds inner white space', () => {
    expect(nicknameSchema.parse('  Ada   Lovelace ')).toBe('Ada Lovelace');
  });

  it('accepts 2 to 24 characters', () => {
    expect(nicknameSchema.parse('Al')).toBe('Al');
    expect(nicknameSchema.parse('x'.repeat(24))).toHaveLength(24);
  });

  it.each([
    ['empty', '   ', 'at least 2'],
    ['too short', 'A', 'at least 2'],
    ['too long', 'x'.repeat(25), 'at most 24'],
    ['zero-width', 'Ada\u200B', 'invisible'],
    ['bidi override', '\u202EAda', 'invisible'],
  ])('refuses a %s nickname with a clear message', (_, nickname, message) => {
    const result = nicknameSchema.safeParse(nickname);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe('sessionResumeRequest', () => {
  it('needs the fields of the role it names', () => {
    const token = 't'.repeat(43);
    expect(sessionResumeRequest.safeParse({ role: 'host', code: 'K7PQ2M', hostToken: token }).success).toBe(true);
    expect(sessionResumeRequest.safeParse({ role: 'student', code: 'K7PQ2M', hostToken: token }).success).toBe(false);
    expect(sessionResumeRequest.safeParse({ role: 'admin', code: 'K7PQ2M', hostToken: token }).success).toBe(false);
  });
});
