import type { z } from 'zod';
import { utf8Decode } from '../internal/platform';
import {
  ExecutorMessages,
  isMessageType,
  type ExecutorRequest,
  type ExecutorResponse,
  type MessageType,
  type ResponseOf,
} from './catalog';
import { toWireIssues, type WireIssue } from './issues';

/**
 * Decoding untrusted frames. Invariant: these functions never throw, whatever the input (any
 * size, any bytes, any runtime type); every failure comes back as a {@link DecodeFailure} that
 * carries as much of the envelope as could be read, so the caller can still answer or correlate.
 */

/** A WebSocket frame as the transport hands it over. */
export type WireFrame = string | Uint8Array;

export type DecodeFailureReason =
  | 'invalid_json'
  | 'not_an_object'
  /** No string `type`, or a `request_id` that is neither a string nor null. */
  | 'missing_envelope'
  /** A `type` outside the catalog: answer it with `UNKNOWN_MESSAGE_TYPE_ERROR`. */
  | 'unknown_type'
  /** `decodeResponse(frame, expectedType)` got a response of another type. */
  | 'unexpected_type'
  | 'invalid_fields';

export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  /** The frame's `type`, when it had a string one. */
  type?: string;
  /** The frame's `request_id`, when it had a string one. */
  requestId?: string;
  /** The frame's `error_message`, when it had a string one (responses). */
  errorMessage?: string;
  issues?: WireIssue[];
}

export type DecodeResult<M> = { ok: true; message: M } | DecodeFailure;

/** Decodes what an executor receives: a request from the conductor. */
export function decodeRequest(frame: WireFrame): DecodeResult<ExecutorRequest> {
  return decode(frame, 'request') as DecodeResult<ExecutorRequest>;
}

/**
 * Decodes what the conductor receives: a response from an executor. With `expectedType` (the
 * type of the request this `request_id` belongs to) a response of another type is refused.
 */
export function decodeResponse<K extends MessageType>(
  frame: WireFrame,
  expectedType: K,
): DecodeResult<ResponseOf<K>>;
export function decodeResponse(frame: WireFrame): DecodeResult<ExecutorResponse>;
export function decodeResponse(
  frame: WireFrame,
  expectedType?: MessageType,
): DecodeResult<ExecutorResponse> {
  return decode(frame, 'response', expectedType) as DecodeResult<ExecutorResponse>;
}

function decode(
  frame: unknown,
  side: 'request' | 'response',
  expectedType?: MessageType,
): DecodeResult<unknown> {
  try {
    return decodeUnsafe(frame, side, expectedType);
  } catch (error) {
    // Only pathological input gets here (e.g. a string too large for the engine).
    return { ok: false, reason: 'invalid_json', issues: [{ path: '', message: describe(error) }] };
  }
}

function decodeUnsafe(
  frame: unknown,
  side: 'request' | 'response',
  expectedType?: MessageType,
): DecodeResult<unknown> {
  const text = frameText(frame);
  if (text === undefined) return fail('invalid_json', 'frame is neither text nor bytes');

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('invalid_json', describe(error));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('not_an_object', 'frame is not a JSON object');
  }

  const record = value as Record<string, unknown>;
  const { type, request_id: rawRequestId, error_message: rawError } = record;
  const envelope = {
    ...(typeof type === 'string' && { type }),
    ...(typeof rawRequestId === 'string' && { requestId: rawRequestId }),
    ...(side === 'response' && typeof rawError === 'string' && { errorMessage: rawError }),
  };
  if (typeof type !== 'string') {
    return {
      ok: false,
      reason: 'missing_envelope',
      ...envelope,
      issues: [issue('type', 'required')],
    };
  }
  if (rawRequestId !== undefined && rawRequestId !== null && typeof rawRequestId !== 'string') {
    return {
      ok: false,
      reason: 'missing_envelope',
      ...envelope,
      issues: [issue('request_id', 'must be a string')],
    };
  }
  if (!isMessageType(type)) return { ok: false, reason: 'unknown_type', ...envelope };
  if (expectedType !== undefined && type !== expectedType) {
    return {
      ok: false,
      reason: 'unexpected_type',
      ...envelope,
      issues: [issue('type', `expected ${expectedType}`)],
    };
  }

  const schema: z.ZodType = ExecutorMessages[type][side];
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid_fields',
      ...envelope,
      issues: toWireIssues(parsed.error.issues),
    };
  }
  return { ok: true, message: parsed.data };
}

function frameText(frame: unknown): string | undefined {
  if (typeof frame === 'string') return frame;
  if (frame instanceof Uint8Array) return utf8Decode(frame);
  if (frame instanceof ArrayBuffer) return utf8Decode(new Uint8Array(frame));
  return undefined;
}

function issue(path: string, message: string): WireIssue {
  return { path, message };
}

function fail(reason: DecodeFailureReason, message: string): DecodeFailure {
  return { ok: false, reason, issues: [issue('', message)] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
