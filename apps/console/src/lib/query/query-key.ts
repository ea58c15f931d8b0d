export type QueryKey = readonly unknown[];

/** A key's identity: its JSON with object properties sorted, so `{a, b}` and `{b, a}` agree. */
export function hashKey(key: QueryKey): string {
  return JSON.stringify(key, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

/** Whether `key` starts with `prefix` (compared element by element, by value). */
export function keyStartsWith(key: QueryKey, prefix: QueryKey): boolean {
  return prefix.every((part, index) => hashKey([part]) === hashKey([key[index]]));
}
