/**
 * Value and error (de)serialisation for everything stored in the database: workflow inputs and
 * outputs, step outputs, events and messages.
 *
 * Format: JSON text, with tagged objects for the values JSON cannot carry:
 * - `Date` → `{"$date": "<ISO string>"}` (an invalid Date becomes `{"$date": null}`)
 * - `bigint` → `{"$bigint": "<decimal>"}`
 * - `undefined` → `{"$undefined": true}` (top level, array items and object properties alike,
 *   so `{ a: undefined }` round-trips with its key)
 * Everything else follows `JSON.stringify` (class instances become plain objects, `Map`/`Set`
 * become `{}`, functions and symbols are dropped). Plain objects whose only key is one of the
 * tags above are ambiguous and are not supported.
 */

interface Tagged {
  $date?: string | null;
  $bigint?: string;
  $undefined?: true;
}

function isTagged(value: object): value is Tagged {
  const keys = Object.keys(value);
  return (
    keys.length === 1 && (keys[0] === '$date' || keys[0] === '$bigint' || keys[0] === '$undefined')
  );
}

/** Serialises a value to the stored JSON text. */
export function serializeValue(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    // `replaced` went through toJSON already; look at the raw value to recognise Dates.
    const raw = key === '' ? value : this[key];
    if (raw instanceof Date) {
      return { $date: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    }
    if (typeof replaced === 'bigint') return { $bigint: replaced.toString() };
    if (replaced === undefined) return { $undefined: true };
    return replaced;
  });
}

/** Parses text produced by {@link serializeValue}. */
export function deserializeValue(text: string): unknown {
  const undefinedMarker = Symbol('undefined');
  const parsed: unknown = JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && isTagged(value)) {
      if ('$date' in value) return new Date(value.$date ?? Number.NaN);
      if ('$bigint' in value) return BigInt(value.$bigint as string);
      return undefinedMarker;
    }
    return value;
  });
  return restoreUndefined(parsed, undefinedMarker);
}

// JSON.parse drops properties whose reviver returns undefined, so a marker stands in and is
// swapped back for a real `undefined` afterwards.
function restoreUndefined(value: unknown, marker: symbol): unknown {
  if (value === marker) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreUndefined(value[i], marker);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = restoreUndefined(record[key], marker);
  }
  return value;
}

/** The stored shape of an error. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** Serialises a thrown value (an `Error` or anything else) to stored JSON text. */
export function serializeError(error: unknown): string {
  return JSON.stringify(toSerializedError(error));
}

export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    };
  }
  return { name: 'Error', message: typeof error === 'string' ? error : serializeValue(error) };
}

/** Parses stored error text back into the plain shape. */
export function parseSerializedError(text: string): SerializedError {
  const parsed = JSON.parse(text) as Partial<SerializedError>;
  return {
    name: typeof parsed.name === 'string' ? parsed.name : 'Error',
    message: typeof parsed.message === 'string' ? parsed.message : '',
    ...(typeof parsed.stack === 'string' ? { stack: parsed.stack } : {}),
    ...(typeof parsed.code === 'string' ? { code: parsed.code } : {}),
  };
}

/** Rebuilds a throwable `Error` (name, message, stack and code preserved) from stored text. */
export function deserializeError(text: string): Error {
  const shape = parseSerializedError(text);
  const error = new Error(shape.message) as Error & { code?: string };
  error.name = shape.name;
  if (shape.stack !== undefined) error.stack = shape.stack;
  if (shape.code !== undefined) error.code = shape.code;
  return error;
}
