import type { ProblemFieldError } from '@podium/protocol';

/**
 * Screens request data for text PostgreSQL cannot store and for nesting that would overflow
 * the stack of every recursive consumer downstream (zod, JSON.stringify, the executor codec).
 *
 * PostgreSQL refuses NUL in text (22021) and an unpaired UTF-16 surrogate escape in JSON
 * (22P05), so such a string in a name or an attribute turned into a 500 at insert time. The
 * walk is iterative on purpose: it must survive exactly the input it exists to refuse.
 */

/** Deepest nesting of objects and arrays a request may carry. */
export const MAX_JSON_DEPTH = 64;

/** More findings than this are not listed: the first few say what is wrong. */
const MAX_FINDINGS = 20;

// With the `u` flag a well-formed pair is one code point, so this matches lone halves only.
const UNPAIRED_SURROGATE = /\p{Cs}/u;

export type JsonScreening =
  | { readonly kind: 'ok' }
  | { readonly kind: 'unstorable-text'; readonly errors: ProblemFieldError[] }
  | { readonly kind: 'too-deep'; readonly path: string };

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (UNPAIRED_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

// Every lone half in a string: what storableText replaces (with NUL).
const UNPAIRED_SURROGATES = /\p{Cs}/gu;

/**
 * `text` with what PostgreSQL cannot store (NUL, unpaired surrogates) replaced by U+FFFD: for
 * text an executor reported, which is kept as near as possible rather than refused.
 */
export function storableText(text: string): string {
  if (!unstorableTextReason(text)) return text;
  return text.replace(UNPAIRED_SURROGATES, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

/** A value still to look at; its path is kept as a link to its parent, joined only on a finding. */
interface Pending {
  readonly value: unknown;
  readonly key: string | number | undefined;
  readonly parent: Pending | undefined;
  /** Objects and arrays enclosing `value`. */
  readonly depth: number;
}

/** Checks every string, object key and nesting level of a parsed JSON value (or query/params). */
export function screenJson(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonScreening {
  const errors: ProblemFieldError[] = [];
  const pending: Pending[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason) errors.push({ path: pathOf(next), message: reason });
    } else if (typeof current === 'object' && current !== null) {
      if (next.depth >= maxDepth) return { kind: 'too-deep', path: pathOf(next) };
      const keys: Array<string | number> = Array.isArray(current)
        ? current.map((_item: unknown, index) => index)
        : Object.keys(current).filter((key) => {
            const reason = unstorableTextReason(key);
            if (reason) errors.push({ path: pathOf(next), message: `has a key that ${reason}` });
            return !reason;
          });
      // Pushed in reverse, so values come out in document order. (A loop: spreading a huge
      // array into push() would itself overflow the stack.)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string | number;
        const child = (current as Record<string | number, unknown>)[key];
        pending.push({ value: child, key, parent: next, depth: next.depth + 1 });
      }
    }
    if (errors.length >= MAX_FINDINGS) break;
  }
  return errors.length > 0 ? { kind: 'unstorable-text', errors } : { kind: 'ok' };
}

/** `attributes.nested.0`, as validation problems name fields; `(root)` for the whole part. */
function pathOf(entry: Pending): string {
  const keys: Array<string | number> = [];
  for (let at: Pending | undefined = entry; at?.key !== undefined; at = at.parent) {
    keys.push(at.key);
  }
  return keys.length > 0 ? keys.reverse().join('.') : '(root)';
}
