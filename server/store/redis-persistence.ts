import type { RedisClient } from './redis-connection';

/**
 * Asks Redis (`CONFIG GET appendonly`, `CONFIG GET save`) whether its data survives a Redis restart.
 * Resolves with a warning for the operator when Redis keeps everything in memory only, or when it could
 * not tell (managed Redis often disables CONFIG); null when the AOF or RDB snapshots are on. `address`
 * (host:port) only names Redis in the warning. Sends two read-only commands; changes nothing.
 */
export async function checkRedisPersistence(client: RedisClient, address: string): Promise<string | null> {
  let appendonly: string | undefined;
  let save: string | undefined;
  try {
    [{ appendonly }, { save }] = await Promise.all([client.configGet('appendonly'), client.configGet('save')]);
  } catch (err) {
    return (
      `Could not check whether Redis at ${address} persists its data (CONFIG GET failed: ${(err as Error).message}). ` +
      'Without appendonly or save points, a Redis restart loses every class.'
    );
  }
  if (appendonly === 'yes' || save?.trim()) return null;
  return (
    `Redis at ${address} keeps data in memory only (appendonly ${appendonly ?? 'unknown'}, no save points): ` +
    'a Redis restart loses every class. Run Redis with --appendonly yes.'
  );
}
