/** An aggregate row (`get_workflow_aggregates`, `get_step_aggregates`): its group's keys. */
interface GroupedRow {
  readonly group: Readonly<Record<string, string | null>>;
}

/**
 * Several SDK families' aggregate rows as one answer: rows of the same group are combined by
 * `combine`; with time buckets, rows are ordered by bucket (as each executor orders them). One
 * family's rows are returned as they came.
 */
export function mergeAggregates<T extends GroupedRow>(
  parts: readonly (readonly T[])[],
  combine: (a: T, b: T) => T,
): T[] {
  if (parts.length < 2) return [...(parts[0] ?? [])];
  const merged = new Map<string, T>();
  for (const row of parts.flat()) {
    const key = groupKey(row.group);
    const seen = merged.get(key);
    merged.set(key, seen ? combine(seen, row) : row);
  }
  return [...merged.values()].sort((a, b) => bucketOf(a) - bucketOf(b));
}

type Measure = number | null | undefined;

export const sumOf = (a: Measure, b: Measure): Measure => (a == null ? b : b == null ? a : a + b);
export const minOf = (a: Measure, b: Measure): Measure =>
  a == null ? b : b == null ? a : Math.min(a, b);
export const maxOf = (a: Measure, b: Measure): Measure =>
  a == null ? b : b == null ? a : Math.max(a, b);

function groupKey(group: GroupedRow['group']): string {
  return JSON.stringify(
    Object.keys(group)
      .sort()
      .map((key) => [key, group[key]]),
  );
}

function bucketOf(row: GroupedRow): number {
  // Epoch milliseconds, or a timestamp, as the SDK renders it.
  const bucket = row.group.time_bucket;
  if (bucket == null) return 0;
  const ms = Number(bucket);
  return Number.isFinite(ms) ? ms : Date.parse(bucket) || 0;
}
