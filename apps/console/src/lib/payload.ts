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
    JSON.parse(trimmed);
  } catch {
    return { kind: 'text', text: value };
  }
  return { kind: 'json', text: reindented(trimmed) };
}

/**
 * Valid JSON `text` laid out two spaces an indent, every token kept as written: a parse and
 * stringify would round integers past 2^53 (an int64 id), turn `1.0` into `1` and drop
 * repeated keys, and the payload shown would no longer be the one sent.
 */
function reindented(text: string): string {
  let out = '';
  let depth = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (char === '{' || char === '[') {
      let next = i + 1;
      while (isJsonSpace(text[next])) next += 1;
      if (text[next] === (char === '{' ? '}' : ']')) {
        out += char === '{' ? '{}' : '[]';
        i = next;
      } else {
        depth += 1;
        out += char + newline();
      }
    } else if (char === '}' || char === ']') {
      depth -= 1;
      out += newline() + char;
    } else if (char === ',') {
      out += `,${newline()}`;
    } else if (char === ':') {
      out += ': ';
    } else if (!isJsonSpace(char)) {
      out += char;
    }
  }
  return out;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

/** A file name for downloading a payload: `<base>.json` or `<base>.txt`, safe on any system. */
export function payloadFileName(base: string, payload: FormattedPayload): string {
  const safe = base.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'payload';
  return `${safe}.${payload.kind === 'json' ? 'json' : 'txt'}`;
}
