import { describe, expect, it } from 'vitest';
import { joinCodeProblem, normaliseJoinCode } from '@/lib/domain/join-code-problem';
import { joinCodeSchema } from '@/lib/protocol/schemas';

describe('joinCodeProblem', () => {
  it('accepts what the server accepts, spaces, dashes and lower case included', () => {
    for (const typed of ['K7PQ2M', 'k7p qm2', 'K7P-QM2']) {
      expect(joinCodeProblem(typed)).toBeNull();
      expect(joinCodeSchema.safeParse(typed).success).toBe(true);
      expect(normaliseJoinCode(typed)).toHaveLength(6);
    }
  });

  it('names a letter O and suggests the letters it may have been, before counting characters', () => {
    expect(joinCodeProblem('K7PO2M')).toBe(
      'Join codes have no “O” — is it a Q or D? (they use the digits 2–9 and the letters A–Z without O, I and L).',
    );
    expect(joinCodeProblem('K7PO2')).toMatch(/^Join codes have no “O”/);
  });

  it('names the digits 0 and 1 and the letters I and L, suggesting only characters codes use', () => {
    expect(joinCodeProblem('K7P02M')).toBe(
      'Join codes have no digit 0 — is it a Q or D? (they use the digits 2–9 and the letters A–Z without O, I and L).',
    );
    expect(joinCodeProblem('K7P12M')).toMatch(/^Join codes have no digit 1 — is it a J, T or 7\? \(/);
    expect(joinCodeProblem('K7PI2M')).toMatch(/^Join codes have no “I” — is it a J, T or 7\? \(/);
    expect(joinCodeProblem('K7PL2M')).toMatch(/^Join codes have no “L” — is it a J, T or 7\? \(/);
    expect(joinCodeProblem('K7P!2M')).toMatch(/^Join codes have no “!” \(/);
  });

  it('says how many characters were typed when the length is wrong', () => {
    expect(joinCodeProblem('K7PQ2')).toBe('That is 5 characters; a join code has 6.');
    expect(joinCodeProblem('K')).toBe('That is 1 character; a join code has 6.');
    expect(joinCodeProblem('K7PQ2MM')).toBe('That is 7 characters; a join code has 6.');
    expect(joinCodeProblem('  ')).toBe('Type the 6-character join code shown on the projector.');
  });

  it('finds a problem in every code the server refuses', () => {
    for (const typed of ['', 'O', 'ABCDEFG', 'AB CD', 'ÄBCDEF', 'ABC_EF']) {
      expect(joinCodeSchema.safeParse(typed).success).toBe(false);
      expect(joinCodeProblem(typed)).not.toBeNull();
    }
  });
});
