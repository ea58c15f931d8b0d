/**
 * Answers of two executors, made comparable: what is expected to differ between two
 * databases and two clocks (generated ids, timestamps, the wording of error messages, the
 * request id) becomes a placeholder saying what kind of value it is, and everything else
 * (keys, types, names, statuses, display strings, which fields are absent) is kept as is.
 */
import type { MessageType, RequestFieldsOf, ResponseOf } from '@podium/protocol';
import { expect } from 'vitest';
import type { Executor } from './executors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keys whose values differ by nature; each is replaced by what it must look like. */
const PLACEHOLDERS: Record<string, (value: unknown) => string> = {
  request_id: () => '<request id>',
  schedule_id: (value) => (typeof value === 'string' && UUID.test(value) ? '<uuid>' : '<bad>'),
  version_id: (value) => (typeof value === 'string' && UUID.test(value) ? '<uuid>' : '<bad>'),
  version_timestamp: epochMs,
  created_at: epochMs,
  error_message: (value) => (typeof value === 'string' && value !== '' ? '<error>' : '<bad>'),
  // A trigger's id holds the time it ran.
  workflow_id: (value) =>
    typeof value === 'string' ? value.replace(/-trigger-.*$/, '-trigger-<now>') : '<bad>',
};

function epochMs(value: unknown): string {
  // Within a day of now: a number of epoch milliseconds, not seconds or a string.
  return typeof value === 'number' && Math.abs(value - Date.now()) < 86_400_000
    ? '<epoch ms>'
    : '<bad>';
}

export function comparable(value: unknown, key?: string): unknown {
  if (key !== undefined && key in PLACEHOLDERS && value !== undefined && value !== null) {
    return (PLACEHOLDERS[key] as (v: unknown) => string)(value);
  }
  if (Array.isArray(value)) return value.map((item) => comparable(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, comparable(v, k)] as const),
    );
  }
  return value;
}

/**
 * Sends the same request to both executors and expects the same answer, once made
 * comparable. Returns both raw answers for checks of their own.
 */
export async function expectSameAnswer<K extends MessageType>(
  executors: { dbos: Executor; podium: Executor },
  type: K,
  fields?: RequestFieldsOf<K>,
): Promise<{ dbos: ResponseOf<K>; podium: ResponseOf<K> }> {
  const [dbos, podium] = await Promise.all([
    executors.dbos.link.request(type, fields),
    executors.podium.link.request(type, fields),
  ]);
  expect(comparable(podium), `${type} ${JSON.stringify(fields)}`).toEqual(comparable(dbos));
  return { dbos, podium };
}
