/**
 * Executors send inputs, outputs and errors as display strings, not JSON (Node's
 * `util.inspect`, Python's `str()`); TypeScript errors arrive as a serialised error object.
 * This splits such an error into a one-line summary and the rest (stack, extra fields).
 */
export interface ErrorDisplay {
  summary: string;
  details?: string;
}

export function describeError(text: string): ErrorDisplay {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return splitFirstLine(text);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return splitFirstLine(text);
  }
  const { name, message, stack, ...rest } = parsed as Record<string, unknown>;
  if (typeof message !== 'string') return splitFirstLine(text);
  const summary = typeof name === 'string' && name ? `${name}: ${message}` : message;
  const extra = Object.keys(rest).length > 0 ? JSON.stringify(rest, null, 2) : '';
  const details = [extra, typeof stack === 'string' ? stack : ''].filter(Boolean).join('\n\n');
  return details ? { summary, details } : { summary };
}

function splitFirstLine(text: string): ErrorDisplay {
  const at = text.indexOf('\n');
  if (at < 0) return { summary: text };
  return { summary: text.slice(0, at), details: text.slice(at + 1) };
}
