/**
 * How to show a payload (an input, output, error or event value): executors send display
 * strings (Node's `util.inspect`, Python's `str()`), which are sometimes JSON (TypeScript
 * errors, values an app serialised itself). JSON objects and arrays are pretty-printed; anything
 * else is shown exactly as the executor sent it, never "fixed".
 */
export interface FormattedPayload {
  /** `json`: `text` is the value re-indented; `text`: the executor's string, verbatim. */
  kind: 'json' | 'text';
  text: string;
}

export function formatPayload(value: string): FormattedPayload {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { kind: 'text', text: value };
  try {
    return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
  } catch {
    return { kind: 'text', text: value };
  }
}

/** A file name for downloading a payload: `<base>.json` or `<base>.txt`, safe on any system. */
export function payloadFileName(base: string, payload: FormattedPayload): string {
  const safe = base.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'payload';
  return `${safe}.${payload.kind === 'json' ? 'json' : 'txt'}`;
}
