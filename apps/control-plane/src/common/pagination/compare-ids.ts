/**
 * Orders ids by code unit: the same order on every read, whatever the locale, and PostgreSQL's
 * own order for lowercase uuids (their hex text orders as their bytes do).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
