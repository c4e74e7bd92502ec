import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../protocol/schemas';

/**
 * A fresh join code drawn from the look-alike-free alphabet.
 * @param randomInt returns a uniform integer in [0, n); injected so tests are deterministic and the server
 *   can use a cryptographic source.
 */
export function generateJoinCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}
