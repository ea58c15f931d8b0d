import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  isMessageType,
  UNKNOWN_MESSAGE_TYPE_ERROR,
  type MessageType,
  type RequestFieldsOf,
} from '../src';

/**
 * Golden frames recorded from a real @dbos-inc/dbos-sdk 5.2.11 executor
 * (fixtures/dbos-wire-capture.jsonl, byte-identical to the reference capture).
 */

interface CaptureLine {
  kind: string;
  label?: string;
  msg?: Record<string, unknown>;
  raw?: string;
}

const lines = readFileSync(join(__dirname, 'fixtures', 'dbos-wire-capture.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CaptureLine);

const sent = lines.filter((l) => l.kind === 'send' && l.msg !== undefined);
const received = lines.filter((l) => l.kind === 'recv' && l.msg !== undefined);
const typeOf = (line: CaptureLine) => String(line.msg?.type);
const sentTypeById = new Map(sent.map((l) => [String(l.msg?.request_id), typeOf(l)]));

describe('golden frames from DBOS TS 5.2.11', () => {
  it('has the expected number of frames in each direction', () => {
    expect(lines).toHaveLength(311);
    expect(sent).toHaveLength(119);
    expect(received).toHaveLength(119);
  });

  it('decodes every conductor → executor frame as a request', () => {
    let decoded = 0;
    for (const line of sent) {
      const result = decodeRequest(JSON.stringify(line.msg));
      if (typeOf(line) === 'probe_unknown_type') {
        expect(result).toMatchObject({
          ok: false,
          reason: 'unknown_type',
          type: 'probe_unknown_type',
          requestId: 'fbf086cb-d74d-42ab-b72a-9dc25d0e6ff1',
        });
        continue;
      }
      expect(result, line.label).toMatchObject({ ok: true, message: { type: typeOf(line) } });
      decoded++;
    }
    expect(decoded).toBe(118);
  });

  it('decodes every executor → conductor frame as a response of its type', () => {
    let decoded = 0;
    for (const line of received) {
      const type = typeOf(line);
      const frame = JSON.stringify(line.msg);
      if (type === 'probe_unknown_type') {
        // Not in the catalog: recognised with its envelope so the caller can still correlate.
        expect(decodeResponse(frame)).toEqual({
          ok: false,
          reason: 'unknown_type',
          type,
          requestId: 'fbf086cb-d74d-42ab-b72a-9dc25d0e6ff1',
          errorMessage: UNKNOWN_MESSAGE_TYPE_ERROR,
        });
        continue;
      }
      // The type of the request with the same request_id (when the capture logged it).
      const requestType = sentTypeById.get(String(line.msg?.request_id)) ?? type;
      expect(requestType, line.label).toBe(type);
      expect(isMessageType(type)).toBe(true);
      const result = decodeResponse(frame, requestType as MessageType);
      expect(result, line.label).toMatchObject({ ok: true, message: { type } });
      decoded++;
    }
    expect(decoded).toBe(118);
  });

  it('decodes the frames DBOS executors mishandle, leniently', () => {
    const label = (text: string) => sent.find((l) => l.label === text)!.msg;
    // TS crashes on this one; our SDK reads the missing body as "no filters".
    const bodyless = decodeRequest(JSON.stringify(label('list_schedules without body')));
    expect(bodyless).toMatchObject({ ok: true, message: { type: 'list_schedules' } });
    expect(bodyless.ok && 'body' in bodyless.message).toBe(false);
    const nulls = decodeRequest(
      JSON.stringify(label('list_workflows: every field explicitly null (limit 3)')),
    );
    expect(nulls).toMatchObject({ ok: true, message: { body: { limit: 3, status: null } } });
    expect(decodeRequest('{"type":"executor_info"}')).toEqual({
      ok: true,
      message: { type: 'executor_info' },
    });
  });

  it('decodes the reply to the removed `restart` as a restart response with the unknown-type error', () => {
    const line = received.find((l) => typeOf(l) === 'restart');
    const result = decodeResponse(JSON.stringify(line?.msg), 'restart');
    expect(result).toMatchObject({
      ok: true,
      message: { type: 'restart', error_message: UNKNOWN_MESSAGE_TYPE_ERROR },
    });
  });

  it('answers the request sent without request_id without one', () => {
    const line = received.find((l) => typeOf(l) === 'executor_info' && !('request_id' in l.msg!));
    const result = decodeResponse(JSON.stringify(line?.msg), 'executor_info');
    expect(result.ok && result.message.request_id).toBeUndefined();
    expect(result.ok && result.message.executor_id).toBe('123a9435-0e6d-4e0b-a99b-362e7aebd463');
  });

  it('reports the deliberately malformed frame as invalid_json', () => {
    const raw = lines.filter((l) => l.kind === 'send' && l.raw !== undefined);
    expect(raw).toHaveLength(1);
    expect(decodeRequest(raw[0]!.raw!)).toMatchObject({ ok: false, reason: 'invalid_json' });
  });
});

/**
 * Frames we re-encode from their captured fields. The capture server sent some frames that our
 * encoder deliberately changes; each difference is listed in `ADDED` (keys §7.2 of the spec makes
 * us send) or `REWRITTEN`, and frames we refuse to send are in `REFUSED`.
 */
const LIST_DEFAULTS = { sort_desc: false, load_input: false, load_output: false };
/** Keys the encoder adds (only when the capture lacks them) and why. */
const ADDED: Partial<Record<MessageType, { top?: object; body?: object; why: string }>> = {
  list_workflows: { body: LIST_DEFAULTS, why: 'Python defaults load_* to true: send all three' },
  list_queued_workflows: { body: LIST_DEFAULTS, why: 'as list_workflows' },
  cancel: { top: { cancel_children: false }, why: 'Python requires the key' },
  fork_workflow: {
    body: { new_workflow_id: null, application_version: null },
    why: 'Python reads both keys strictly (null allowed)',
  },
  list_queues: { top: { body: {} }, why: 'always send body where the type has one' },
};
/** Captured frames our encoder will not produce, by label. */
const REFUSED: Record<string, string> = {
  'list_workflows: workflow_uuids = []': 'TS executors fail on `IN ()`',
  'list_schedules without body': 'crashes a TS executor; we always send `body` (tested below)',
};
function expectedFrame(msg: Record<string, unknown>): Record<string, unknown> {
  const type = msg.type as MessageType;
  const { request_id: _id, ...expected } = structuredClone(msg);
  const added = ADDED[type];
  for (const [key, value] of Object.entries(added?.top ?? {})) expected[key] ??= value;
  const body = expected.body as Record<string, unknown> | undefined;
  if (body) {
    // Null filters are dropped (TS reads `was_forked_from: null` as `= NULL`, an empty result);
    // retention is the exception: Python needs its three cutoff keys, null allowed, but takes
    // a null gc_batch_size for "no batches", so that one is dropped too.
    if (type !== 'retention') {
      for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
    } else if (body.gc_batch_size === null) {
      delete body.gc_batch_size;
    }
    for (const [key, value] of Object.entries(added?.body ?? {})) body[key] ??= value;
  }
  // Timestamps: `Z` becomes `+00:00` (Python 3.10 rejects `Z`).
  const rewrite = (o: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(o)) {
      if (typeof value === 'string' && /T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) {
        o[key] = value.replace(/Z$/, '+00:00');
      }
    }
  };
  rewrite(expected);
  if (body) rewrite(body);
  return expected;
}

describe('encodeRequest reproduces the captured requests', () => {
  const encodable = sent.filter(
    (l) => isMessageType(typeOf(l)) && REFUSED[l.label ?? ''] === undefined,
  );

  it('covers every request type in the capture', () => {
    const types = new Set(encodable.map(typeOf));
    expect(types.size).toBe(34);
    expect(encodable).toHaveLength(116);
  });

  it.each(encodable.map((l) => [l.label ?? typeOf(l), l] as const))('%s', (_label, line) => {
    const { type, request_id, ...fields } = line.msg!;
    const encoded = encodeRequest(type as MessageType, {
      ...(fields as RequestFieldsOf<MessageType>),
      ...(typeof request_id === 'string' && { request_id }),
    });
    const frame = JSON.parse(encoded.frame) as Record<string, unknown>;
    if (typeof request_id === 'string') expect(frame.request_id).toBe(request_id);
    else expect(frame.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const { request_id: _generated, ...rest } = frame;
    expect(rest).toEqual(expectedFrame(line.msg!));
  });

  it('adds exactly the documented §7.2 keys', () => {
    expect(
      encodeRequest('list_workflows', { body: { sort_desc: true, limit: 200 } }).message.body,
    ).toEqual({ sort_desc: true, limit: 200, load_input: false, load_output: false });
    expect(encodeRequest('cancel', { workflow_id: 'w' }).message).toMatchObject({
      cancel_children: false,
    });
    expect(
      encodeRequest('fork_workflow', { body: { workflow_id: 'w', start_step: 2 } }).message.body,
    ).toEqual({
      workflow_id: 'w',
      start_step: 2,
      new_workflow_id: null,
      application_version: null,
    });
    expect(encodeRequest('list_queues').message).toMatchObject({ body: {} });
    for (const entry of Object.values(ADDED)) expect(entry.why).not.toBe('');
  });

  it('refuses the captured frames that hurt executors', () => {
    expect(() =>
      encodeRequest('list_workflows', { body: { workflow_uuids: [], limit: 3 } }),
    ).toThrow(/workflow_uuids/);
    expect(encodeRequest('list_schedules').message.body).toEqual({});
  });
});
