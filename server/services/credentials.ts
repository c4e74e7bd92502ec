import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes in base64url: a bearer secret for a host or a participant. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Stored instead of the token, so reading the store never yields a usable credential. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A uniform integer in [0, n) from the operating system's secure source. */
export function secureRandomInt(n: number): number {
  return randomInt(n);
}

/** An identifier that is unique, not secret. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}
