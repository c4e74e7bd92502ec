/**
 * The member of `list` equal to `value`, typed as the list's element; throws naming `what` and the
 * choices when there is none. For command-line arguments that name a cell, a task and the like.
 */
export function oneOf<T extends string>(list: readonly T[], value: string, what: string): T {
  const found = list.find((x) => x === value);
  if (found === undefined) throw new Error(`unknown ${what} "${value}": one of ${list.join(', ')}`);
  return found;
}
