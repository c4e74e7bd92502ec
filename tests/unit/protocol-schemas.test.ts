import { describe, expect, it } from 'vitest';
import { nicknameKey } from '@/lib/domain/session';
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
    ['Hangul filler', '\u3164\u3164', 'invisible'],
    ['Hangul choseong and jungseong filler', '\u115F\u1160', 'invisible'],
    ['half-width Hangul filler', '\uFFA0\uFFA0', 'invisible'],
    ['blank braille', '\u2800\u2800', 'invisible'],
    ['blank-braille-padded', 'Ada\u2800', 'invisible'],
    ['variation-selector-padded', 'Ada\uFE00', 'invisible'],
    ['private-use', 'Ada\uE000', 'invisible'],
    ['marks-only', 'x\u0301\u0301', 'at least 2 letters, digits or symbols'],
    ['Latin and Cyrillic (Cyrillic А)', '\u0410da', 'cannot mix alphabets (Latin and Cyrillic)'],
    ['Latin and Greek (Greek ο)', 'B\u03BFb', 'cannot mix alphabets (Latin and Greek)'],
    ['Cyrillic and Greek', '\u0412\u03B1\u0441\u044F', 'cannot mix alphabets (Cyrillic and Greek)'],
    ['full-width Latin and Cyrillic', '\uFF21\u0434\u0430', 'cannot mix alphabets (Latin and Cyrillic)'],
  ])('refuses a %s nickname with a clear message', (_, nickname, message) => {
    const result = nicknameSchema.safeParse(nickname);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it.each(['Вася', 'Ζεύς', '太郎', 'Ada 太郎', 'Zoë', 'Ada!', '🔥 Ada'])(
    'accepts %j, written in one alphabet',
    (nickname) => {
      expect(nicknameSchema.parse(nickname)).toBe(nickname);
    },
  );

  it('drops the emoji presentation selector phone keyboards add, keeping the emoji', () => {
    expect(nicknameSchema.parse('\u2764\uFE0F Ada')).toBe('\u2764 Ada');
  });
});

describe('nickname uniqueness (nicknameKey of what nicknameSchema accepts)', () => {
  const key = (nickname: string) => nicknameKey(nicknameSchema.parse(nickname));

  it('folds case, compatibility variants and Cyrillic or Greek letters that look Latin', () => {
    expect(key('ADA')).toBe(key('ada'));
    expect(key('Ａｄａ')).toBe(key('Ada'));
    expect(key('\u0410\u0501\u0430')).toBe(key('Ada')); // Аԁа, all Cyrillic
    expect(key('\u0421\u041E\u0420\u0415')).toBe(key('CoPe')); // СОРЕ, all Cyrillic
    expect(key('\u0391\u0392\u0395')).toBe(key('abe')); // ΑΒΕ, all Greek
  });

  it('keeps different names apart', () => {
    expect(key('Ada')).not.toBe(key('Adam'));
    expect(key('Ада')).not.toBe(key('Ada'));
    expect(key('Вася')).not.toBe(key('Vasya'));
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
