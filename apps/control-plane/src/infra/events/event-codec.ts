/**
 * JSON for what replicas send each other (events, command replies), keeping Dates: each one is
 * written as `{"$date": "<ISO>"}` and read back as a Date. Nothing else changes.
 */
export function encodeWithDates(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    // `encoded` is already toJSON()'s string; the holder still has the Date.
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : encoded;
  });
}

export function decodeWithDates(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    isDateTag(value) ? new Date(value.$date) : value,
  );
}

function isDateTag(value: unknown): value is { $date: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === '$date' &&
    typeof (value as { $date: unknown }).$date === 'string'
  );
}
