import type { z } from 'zod';
import { randomId } from '../internal/platform';
import {
  ExecutorMessages,
  isMessageType,
  MESSAGE_TYPES,
  type MessageType,
  type RequestFieldsOf,
  type RequestOf,
  type ResponseBodyOf,
} from './catalog';
import { WIRE_TIMESTAMP_PATTERN } from './common';
import { toWireIssues, type WireIssue } from './issues';
import { applyRequestDefaults, checkEncodeRules, type Draft } from './request-defaults';

/**
 * Encoding outgoing frames. Invariant: `encodeRequest` only emits frames every DBOS SDK accepts
 * (a malformed frame crashes a TS executor and drops a Python one), so it applies the
 * conductor-side defaults first, then validates against the catalog, and throws
 * {@link ProtocolEncodeError} instead of sending anything doubtful.
 */

/** Thrown when a message cannot be encoded. `code` is stable; `instanceof`-free checks use it. */
export class ProtocolEncodeError extends Error {
  readonly code = 'PROTOCOL_ENCODE_FAILED';
  override readonly name = 'ProtocolEncodeError';
  constructor(
    /** The message type that was being encoded. */
    readonly messageType: string,
    readonly issues: WireIssue[],
  ) {
    super(
      `cannot encode ${messageType}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`,
    );
  }
}

/** An encoded request: the text frame plus what the caller needs to correlate its response. */
export interface EncodedRequest<K extends MessageType> {
  requestId: string;
  message: RequestOf<K>;
  frame: string;
}

type FieldsArg<K extends MessageType> =
  Partial<RequestFieldsOf<K>> extends RequestFieldsOf<K>
    ? [fields?: RequestFieldsOf<K>]
    : [fields: RequestFieldsOf<K>];

/** Message types whose request carries a nested `body` (always sent by `encodeRequest`). */
export const BODY_MESSAGE_TYPES: readonly MessageType[] = MESSAGE_TYPES.filter((type) =>
  Object.hasOwn(ExecutorMessages[type].request.shape, 'body'),
);

/**
 * Builds a request frame for an executor. Generates `request_id` (a UUID) unless given; omits
 * null/undefined filters; adds the keys some SDK requires (see PROTOCOL.md, "What we send");
 * rewrites `Z` timestamps to `+00:00`. Throws {@link ProtocolEncodeError} on invalid input.
 */
export function encodeRequest<K extends MessageType>(
  type: K,
  ...[fields]: FieldsArg<K>
): EncodedRequest<K> {
  if (!isMessageType(type)) throw new ProtocolEncodeError(String(type), [unknownType()]);
  const { request_id: givenId, ...rest } = (fields ?? {}) as Record<string, unknown>;
  const requestId = typeof givenId === 'string' && givenId !== '' ? givenId : randomId();

  const draft: Draft = compact(rest);
  if (isPlainObject(draft.body)) draft.body = compact(draft.body);
  else if (draft.body === undefined && BODY_MESSAGE_TYPES.includes(type)) draft.body = {};
  applyRequestDefaults(type, draft);

  const issues = [...normaliseTimestamps(draft), ...checkEncodeRules(type, draft)];
  if (issues.length > 0) throw new ProtocolEncodeError(type, issues);

  const schema: z.ZodType = ExecutorMessages[type].request;
  const parsed = schema.safeParse({ type, request_id: requestId, ...draft });
  if (!parsed.success) throw new ProtocolEncodeError(type, toWireIssues(parsed.error.issues));
  const message = parsed.data as RequestOf<K>;
  return { requestId, message, frame: JSON.stringify(message) };
}

/**
 * Builds a response frame (executor side) from a handler's result. `requestId` is echoed as
 * received; when the request had none, the key is left out, as DBOS does.
 */
export function encodeResponse<K extends MessageType>(
  type: K,
  requestId: string | null | undefined,
  body: ResponseBodyOf<K>,
): string {
  if (!isMessageType(type)) throw new ProtocolEncodeError(String(type), [unknownType()]);
  const schema: z.ZodType = ExecutorMessages[type].response;
  const parsed = schema.safeParse({ type, request_id: requestId ?? undefined, ...body });
  if (!parsed.success) throw new ProtocolEncodeError(type, toWireIssues(parsed.error.issues));
  return JSON.stringify(parsed.data);
}

/**
 * Builds the bare error reply every DBOS SDK uses: `{ type, request_id, error_message }`. Works for
 * types outside the catalog too (answer those with `UNKNOWN_MESSAGE_TYPE_ERROR`).
 */
export function encodeErrorResponse(
  type: string,
  requestId: string | null | undefined,
  errorMessage: string,
): string {
  const envelope = { type, request_id: requestId ?? undefined, error_message: errorMessage };
  if (!isMessageType(type)) return JSON.stringify(envelope);
  const parsed = ExecutorMessages[type].response.safeParse(envelope);
  if (!parsed.success) throw new ProtocolEncodeError(type, toWireIssues(parsed.error.issues));
  return JSON.stringify(parsed.data);
}

const TIMESTAMP_KEYS = new Set([
  'start_time',
  'end_time',
  'completed_after',
  'completed_before',
  'dequeued_after',
  'dequeued_before',
  'start',
  'end',
]);

/** Rewrites `…Z` to `…+00:00` and refuses timestamps Python 3.10 would misread. */
function normaliseTimestamps(draft: Draft): WireIssue[] {
  const issues: WireIssue[] = [];
  const visit = (object: Draft, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      if (!TIMESTAMP_KEYS.has(key) || typeof value !== 'string') continue;
      if (!WIRE_TIMESTAMP_PATTERN.test(value)) {
        issues.push({
          path: prefix + key,
          message: 'must be ISO-8601 with 0, 3 or 6 fractional digits and an explicit offset',
        });
      } else if (value.endsWith('Z')) {
        object[key] = `${value.slice(0, -1)}+00:00`;
      }
    }
  };
  visit(draft, '');
  if (isPlainObject(draft.body)) visit(draft.body, 'body.');
  return issues;
}

/** A shallow copy without null/undefined values: unused filters are omitted, never sent as null. */
function compact(object: Record<string, unknown>): Draft {
  const out: Draft = {};
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Draft {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownType(): WireIssue {
  return { path: 'type', message: 'not a message type of the executor protocol' };
}
