/**
 * What may differ between two executors answering the same request over comparable data, and
 * only that, replaced by placeholders so the rest compares as is: request ids, times (each
 * executor ran the scenario at its own moment, at its own speed), executor ids, application
 * versions (a hash of each app's code), host and SDK version, the stacks inside serialised
 * errors (other code, other frames), and the name of the internal queue
 * (`_dbos_internal_queue` / `_podium_internal_queue`). Lists of aggregate rows and metrics,
 * which neither SDK orders, are sorted.
 */

const EPOCH_MS_STRINGS = new Set([
  'CreatedAt',
  'UpdatedAt',
  'DequeuedAt',
  'CompletedAt',
  'DelayUntilEpochMS',
  'WorkflowDeadlineEpochMS',
  'started_at_epoch_ms',
  'completed_at_epoch_ms',
]);
const IDENTITIES: Record<string, string> = {
  ExecutorID: '<executor>',
  executor_id: '<executor>',
  ApplicationVersion: '<version>',
  application_version: '<version>',
  hostname: '<host>',
  dbos_version: '<sdk version>',
};
/** Aggregate values that are times or durations: only whether there is one compares. */
const MEASURES = new Set([
  'min_created_at',
  'max_queue_wait_ms',
  'max_total_latency_ms',
  'max_duration_ms',
  'time_bucket',
]);
const INTERNAL_QUEUES = new Set(['_dbos_internal_queue', '_podium_internal_queue']);
const SORTED_LISTS = new Set(['metrics']);

export function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item));
    const unordered = SORTED_LISTS.has(key) || items.every((item) => isAggregateRow(item));
    return unordered ? items.sort(byJson) : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([name]) => name !== 'request_id');
    return Object.fromEntries(entries.map(([name, item]) => [name, normalize(item, name)]));
  }
  if (typeof value === 'string' && EPOCH_MS_STRINGS.has(key) && /^\d+$/.test(value)) {
    return '<epoch ms>';
  }
  if (key in IDENTITIES && typeof value === 'string') return IDENTITIES[key];
  if (MEASURES.has(key) && value !== null) return '<measure>';
  if ((key === 'Error' || key === 'error') && typeof value === 'string') return errorOf(value);
  if ((key === 'QueueName' || key === 'queue_name') && INTERNAL_QUEUES.has(String(value))) {
    return '<internal queue>';
  }
  return value;
}

/** A serialised error as name and message (the stack is the SDK's own). */
function errorOf(text: string): unknown {
  try {
    const { name, message } = JSON.parse(text) as { name?: unknown; message?: unknown };
    return { name, message };
  } catch {
    return text;
  }
}

function isAggregateRow(item: unknown): boolean {
  return item !== null && typeof item === 'object' && 'group' in item;
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
