/**
 * Asking both executors the same thing, and reading their answers side by side: raw frames
 * (so a key the protocol's decoder would drop still shows), the structure of a value, and
 * step names with each SDK's prefix for its built-in steps (`DBOS.`, `podium.`) taken off.
 */
import { encodeRequest, type MessageType, type RequestFieldsOf } from '@podium/protocol';
import type { ConductorLink } from '../../helpers/fake-conductor';
import type { Peers } from './peers';

export type Answer = Record<string, unknown>;

/** Sends one request (built by `encodeRequest`) and returns the raw answer, `request_id` left out. */
export async function rawRequest<K extends MessageType>(
  link: ConductorLink,
  type: K,
  fields: RequestFieldsOf<K>,
): Promise<Answer> {
  const encoded = (
    encodeRequest as (t: K, f?: RequestFieldsOf<K>) => { requestId: string; frame: string }
  )(type, fields);
  const { request_id: _id, ...answer } = JSON.parse(
    await link.send(encoded.frame, encoded.requestId, 30_000),
  ) as Answer;
  return answer;
}

/** The same request to DBOS and to @podium/sdk: `[dbos, podium]`. */
export function askBoth<K extends MessageType>(
  peers: Peers,
  type: K,
  fields: RequestFieldsOf<K> | ((side: 'dbos' | 'podium') => RequestFieldsOf<K>),
): Promise<[Answer, Answer]> {
  const fieldsFor = (side: 'dbos' | 'podium') =>
    typeof fields === 'function' ? fields(side) : fields;
  return Promise.all([
    rawRequest(peers.dbos.link, type, fieldsFor('dbos')),
    rawRequest(peers.podium.link, type, fieldsFor('podium')),
  ]);
}

/**
 * The structure of a JSON value: objects by their sorted keys, leaves by their type, arrays
 * by the distinct structures of their items.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    const shapes = new Set(value.map((item) => JSON.stringify(shapeOf(item))));
    return [...shapes].sort().map((shape) => JSON.parse(shape) as unknown);
  }
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, shapeOf(record[key])]),
    );
  }
  return typeof value;
}

/** A step name without the SDK's prefix for built-in steps (`DBOS.recv` and `podium.recv`: `recv`). */
export function stepName(name: unknown): string {
  return String(name).replace(/^(DBOS|podium)\./, '');
}
