import { z } from 'zod';

/**
 * Building blocks for query strings. Query values arrive as strings (or arrays of strings when a
 * key repeats), so these schemas parse text; their *input* JSON Schema is what a client sends.
 */

/** The spellings Go's `strconv.ParseBool` reads, as DBOS Conductor does (Python sends `True`). */
const TRUE_TEXTS = ['true', 'True', 'TRUE', 't', 'T', '1'] as const;
const FALSE_TEXTS = ['false', 'False', 'FALSE', 'f', 'F', '0'] as const;
const TRUE_TEXT_SET: ReadonlySet<string> = new Set(TRUE_TEXTS);

/** `?flag=true|false` (and ParseBool's other spellings); `fallback` when absent. `z.coerce.boolean` would read "false" as true. */
export function queryBoolean(fallback: boolean) {
  return z
    .enum([...TRUE_TEXTS, ...FALSE_TEXTS])
    .default(fallback ? 'true' : 'false')
    .transform((value) => TRUE_TEXT_SET.has(value));
}

/**
 * A list in a query string: repeated keys (`?status=A&status=B`) or comma-separated values
 * (`?status=A,B`). Blank entries are ignored; an empty list is treated as absent.
 */
export function queryList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .preprocess((value) => {
      if (value === undefined || value === null) return undefined;
      const parts = (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((part) =>
        typeof part === 'string' ? part.split(',') : [part],
      );
      const kept = parts
        .map((part) => (typeof part === 'string' ? part.trim() : part))
        .filter((part) => part !== '');
      return kept.length > 0 ? kept : undefined;
    }, z.array(item).optional())
    .describe('Any of these: repeat the key, or separate values with commas.');
}

/** An RFC 3339 timestamp in a request, with `Z` or an explicit offset. */
export const RestTimestampSchema = z.iso.datetime({ offset: true });

/** An RFC 3339 timestamp in a response (always UTC, `Z`). */
export const IsoTimestampSchema = z.iso.datetime();
