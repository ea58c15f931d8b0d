/**
 * The `pretty` log format: a pino destination that turns each JSON record into one readable
 * line, `12:00:01.234 info  message key=value ...`, with multi-line values (stack traces)
 * indented below it. It formats what pino already wrote, so redaction has happened first.
 */

export interface PrettyOptions {
  /** ANSI colours for the level (a terminal); plain text otherwise. */
  readonly colors: boolean;
}

const LEVELS: Record<number, { label: string; color: string }> = {
  10: { label: 'trace', color: '90' },
  20: { label: 'debug', color: '90' },
  30: { label: 'info', color: '36' },
  40: { label: 'warn', color: '33' },
  50: { label: 'error', color: '31' },
  60: { label: 'fatal', color: '31' },
};

/** Record fields shown elsewhere on the line, or the same on every line. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'context', 'pid', 'hostname', 'service']);
/** `http request` lines read `GET /path 200 (3.1 ms)`; the request id stays in JSON logs. */
const HTTP_FIELDS = new Set(['method', 'url', 'status', 'durationMs', 'requestId']);
const MAX_VALUE_LENGTH = 200;

/** A pino destination writing pretty lines to `out`. */
export function prettyDestination(
  out: { write(text: string): unknown },
  options: PrettyOptions,
): { write(line: string): void } {
  return { write: (line) => void out.write(`${formatLogLine(line, options)}\n`) };
}

/** One pino JSON line as a readable line; anything that is not a JSON record passes unchanged. */
export function formatLogLine(line: string, options: PrettyOptions): string {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) return line.trimEnd();
    record = parsed as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const level = LEVELS[Number(record.level)] ?? { label: String(record.level), color: '0' };
  const paint = (code: string, text: string) =>
    options.colors ? `\u001b[${code}m${text}\u001b[0m` : text;
  const isHttp = record.msg === 'http request' && typeof record.method === 'string';
  const context = typeof record.context === 'string' ? `[${record.context}] ` : '';
  const message = headlineOf(record, isHttp);

  const fields: string[] = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || SHOWN_APART.has(key) || (isHttp && HTTP_FIELDS.has(key))) continue;
    const stack = stackOf(value);
    if (stack !== undefined) blocks.push(indent(stack));
    if (typeof value === 'string' && value.includes('\n')) continue;
    fields.push(`${key}=${showValue(stack === undefined ? value : errorMessageOf(value))}`);
  }
  const head = [
    paint('2', timeOf(record.time)),
    paint(level.color, level.label.padEnd(5)),
    `${context}${message}`,
    ...fields,
  ].join(' ');
  return [head, ...blocks].join('\n');
}

/** `HH:MM:SS.mmm` (UTC, as in the JSON records) from pino's ISO or epoch-ms time. */
function timeOf(time: unknown): string {
  if (typeof time === 'string' && /^\d{4}-\d\d-\d\dT/.test(time)) return time.slice(11, 23);
  if (typeof time === 'number') return new Date(time).toISOString().slice(11, 23);
  return '--:--:--.---';
}

/** A multi-line string, or an error's `stack` (pino's `err` serializer keeps it). */
function stackOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('\n') ? value : undefined;
  const stack = (value as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}

/** The message, or for a request `GET /path 200 (3.1 ms)`. */
function headlineOf(record: Record<string, unknown>, isHttp: boolean): string {
  if (!isHttp) return typeof record.msg === 'string' ? record.msg : '';
  const { method, url, status, durationMs } = record as Record<string, string | number>;
  return `${method} ${url} ${status} (${durationMs} ms)`;
}

function errorMessageOf(value: unknown): unknown {
  return (value as { message?: unknown }).message ?? '(no message)';
}

function showValue(value: unknown): string {
  const text =
    typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
