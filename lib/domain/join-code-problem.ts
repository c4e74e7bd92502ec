import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../protocol/schemas';

/**
 * Characters left out of join codes because they look like others, and what a round or upright glyph on
 * the projector probably was. O and 0 are both left out, so an O is not a 0: a Q or a D is likelier.
 */
const LOOK_ALIKES: Record<string, string> = {
  O: 'Q or D',
  '0': 'Q or D',
  I: 'J, T or 7',
  '1': 'J, T or 7',
  L: 'J, T or 7',
};

/** What people type between groups ("K7P QM2", "K7P-QM2"), dropped before checking; as the server does. */
export function normaliseJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

const ALPHABET_HINT = 'they use the digits 2–9 and the letters A–Z without O, I and L';

/**
 * Why `typed` cannot be a join code, in words a student can act on, or null when it could be one.
 * Checks the characters before the length, so "K7PO2" is told about the O first. Pure; no side effects.
 */
export function joinCodeProblem(typed: string): string | null {
  const code = normaliseJoinCode(typed);
  if (code === '') return `Type the ${JOIN_CODE_LENGTH}-character join code shown on the projector.`;
  const bad = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))];
  if (bad.length > 0) {
    const first = bad[0];
    const guess = LOOK_ALIKES[first];
    const meant = guess ? ` — is it a ${guess}?` : '';
    const which = first === '0' || first === '1' ? `digit ${first}` : `“${first}”`;
    return `Join codes have no ${which}${meant} (${ALPHABET_HINT}).`;
  }
  if (code.length !== JOIN_CODE_LENGTH) {
    const n = code.length;
    return `That is ${n} character${n === 1 ? '' : 's'}; a join code has ${JOIN_CODE_LENGTH}.`;
  }
  return null;
}
