import { describe, expect, it } from 'vitest';
import {
  BODY_MESSAGE_TYPES,
  decodeRequest,
  decodeResponse,
  encodeErrorResponse,
  encodeRequest,
  encodeResponse,
  MESSAGE_TYPES,
  ProtocolEncodeError,
  toWireTimestamp,
  UNKNOWN_MESSAGE_TYPE_ERROR,
  type MessageType,
  type RequestFieldsOf,
} from '../src';

/** The smallest valid fields of each type, for the invariants below. */
const MINIMAL: { [K in MessageType]: RequestFieldsOf<K> } = {
  executor_info: {},
  recovery: { executor_ids: ['e'] },
  exist_pending_workflows: { executor_id: 'e', application_version: 'v' },
  retention: {},
  get_metrics: {
    start_time: '2026-01-01T00:00:00Z',
    end_time: '2026-01-02T00:00:00Z',
    metric_class: 'workflow_step_count',
  },
  alert: { name: 'n', message: 'm', metadata: {} },
  get_workflow_aggregates: {},
  get_step_aggregates: {},
  list_application_versions: {},
  set_latest_application_version: { version_name: 'v' },
  list_workflows: {},
  list_queued_workflows: {},
  get_workflow: { workflow_id: 'w' },
  list_steps: { workflow_id: 'w' },
  get_workflow_events: { workflow_id: 'w' },
  get_workflow_notifications: { workflow_id: 'w' },
  get_workflow_streams: { workflow_id: 'w' },
  export_workflow: { workflow_id: 'w' },
  cancel: { workflow_id: 'w' },
  resume: { workflow_id: 'w' },
  restart: { workflow_id: 'w' },
  delete: { workflow_id: 'w' },
  fork_workflow: { body: { workflow_id: 'w', start_step: 0 } },
  fork_from_failure: { body: { workflow_ids: ['w'], from_last_failure: true } },
  rewind_workflow: { body: { workflow_id: 'w' } },
  import_workflow: { serialized_workflow: 'H4sI' },
  list_queues: {},
  get_queue: { name: 'q' },
  list_schedules: {},
  get_schedule: { schedule_name: 's' },
  pause_schedule: { schedule_name: 's' },
  resume_schedule: { schedule_name: 's' },
  backfill_schedule: {
    schedule_name: 's',
    start: '2026-01-01T00:00:00Z',
    end: '2026-01-02T00:00:00Z',
  },
  trigger_schedule: { schedule_name: 's' },
};

function encodeAny(type: MessageType, fields: unknown) {
  return encodeRequest(type, fields as RequestFieldsOf<MessageType>);
}

describe('encodeRequest', () => {
  it('knows all 34 DBOS message types', () => {
    expect(MESSAGE_TYPES).toHaveLength(34);
    expect(BODY_MESSAGE_TYPES).toHaveLength(10);
  });

  it.each(MESSAGE_TYPES)('emits a frame that decodes back for %s', (type) => {
    const { frame, requestId, message } = encodeAny(type, MINIMAL[type]);
    expect(requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(decodeRequest(frame)).toEqual({ ok: true, message });
    expect(JSON.parse(frame)).toMatchObject({ type, request_id: requestId });
  });

  it.each(BODY_MESSAGE_TYPES)('never emits %s without a body', (type) => {
    // Either the body is filled in (all its fields optional) or encoding refuses.
    let frame: { body?: unknown } | undefined;
    try {
      frame = JSON.parse(encodeAny(type, { ...MINIMAL[type], body: undefined }).frame) as {
        body?: unknown;
      };
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolEncodeError);
      expect(['fork_workflow', 'fork_from_failure', 'rewind_workflow']).toContain(type);
      return;
    }
    expect(frame.body).toBeTypeOf('object');
    expect(frame.body).not.toBeNull();
  });

  it('adds the keys strict SDKs require', () => {
    expect(encodeRequest('delete', { workflow_id: 'w' }).message.delete_children).toBe(false);
    expect(encodeRequest('export_workflow', { workflow_id: 'w' }).message.export_children).toBe(
      false,
    );
    expect(encodeRequest('cancel', { workflow_id: 'w', workflow_ids: ['a', 'b'] }).message).toEqual(
      expect.objectContaining({
        workflow_id: 'w',
        workflow_ids: ['a', 'b'],
        cancel_children: false,
      }),
    );
    expect(encodeRequest('retention', { body: { gc_rows_threshold: 100 } }).message.body).toEqual({
      gc_cutoff_epoch_ms: null,
      gc_rows_threshold: 100,
      timeout_cutoff_epoch_ms: null,
    });
    expect(encodeRequest('list_queued_workflows').message.body).toEqual({
      sort_desc: false,
      load_input: false,
      load_output: false,
    });
  });

  it('omits null filters instead of sending them', () => {
    const { frame } = encodeRequest('list_workflows', {
      body: { status: null, has_parent: null, was_forked_from: undefined, limit: 5 },
      // @ts-expect-error not a field of list_workflows: stripped, never sent
      stray: 1,
    });
    expect(JSON.parse(frame)).toEqual({
      type: 'list_workflows',
      request_id: expect.any(String) as unknown,
      body: { limit: 5, sort_desc: false, load_input: false, load_output: false },
    });
  });

  it('sends both spellings of the aggregate ID and user filters', () => {
    const body = encodeRequest('get_workflow_aggregates', {
      body: { group_by_status: true, workflow_ids: ['w'], user: ['u'] },
    }).message.body;
    expect(body).toMatchObject({ workflow_uuids: ['w'], authenticated_user: ['u'] });
  });

  it('keeps a given request_id', () => {
    expect(encodeRequest('executor_info', { request_id: 'mine' }).message.request_id).toBe('mine');
  });

  it('writes timestamps with +00:00 and refuses ones without an offset', () => {
    const { message } = encodeRequest('backfill_schedule', {
      schedule_name: 's',
      start: '2026-01-01T00:00:00.123Z',
      end: toWireTimestamp(Date.UTC(2026, 0, 2)),
    });
    expect(message).toMatchObject({
      start: '2026-01-01T00:00:00.123+00:00',
      end: '2026-01-02T00:00:00.000+00:00',
    });
    expect(() =>
      encodeRequest('list_workflows', { body: { start_time: '2026-01-01T00:00:00' } }),
    ).toThrow(ProtocolEncodeError);
    expect(() =>
      encodeRequest('list_workflows', { body: { end_time: '2026-01-01T00:00:00.12+00:00' } }),
    ).toThrow(/end_time/);
  });

  it('refuses invalid input with a typed error and sends nothing', () => {
    const attempts: [MessageType, unknown][] = [
      ['get_workflow', {}],
      ['get_workflow', { workflow_id: 42 }],
      ['fork_workflow', {}],
      ['fork_workflow', { body: { workflow_id: 'w', start_step: -1 } }],
      ['fork_from_failure', { body: { workflow_ids: ['w'] } }],
      ['fork_from_failure', { body: { workflow_ids: ['w'], from_step: 1, from_last_step: true } }],
      ['cancel', { workflow_id: 'w', workflow_ids: [] }],
      ['list_workflows', { body: { workflow_uuids: [] } }],
      ['list_workflows', { body: 'everything' }],
      ['alert', { name: 'n', message: 'm', metadata: { n: 1 } }],
      ['not_a_type' as MessageType, {}],
    ];
    for (const [type, fields] of attempts) {
      let caught: unknown;
      try {
        encodeAny(type, fields);
      } catch (error) {
        caught = error;
      }
      expect(caught, type).toBeInstanceOf(ProtocolEncodeError);
      expect((caught as ProtocolEncodeError).code).toBe('PROTOCOL_ENCODE_FAILED');
      expect((caught as ProtocolEncodeError).messageType).toBe(type);
      expect((caught as ProtocolEncodeError).issues.length).toBeGreaterThan(0);
    }
  });
});

describe('encodeResponse', () => {
  it('builds a validated response that the control plane decodes', () => {
    const frame = encodeResponse('executor_info', 'r1', {
      executor_id: 'e',
      application_version: 'v',
      hostname: 'h',
      language: 'typescript',
      dbos_version: '0.1.0',
    });
    expect(decodeResponse(frame, 'executor_info')).toMatchObject({
      ok: true,
      message: { request_id: 'r1', executor_id: 'e' },
    });
  });

  it('leaves request_id out when the request had none', () => {
    expect(JSON.parse(encodeResponse('cancel', undefined, { success: true }))).toEqual({
      type: 'cancel',
      success: true,
    });
  });

  it('refuses a body that does not match the schema', () => {
    expect(() =>
      encodeResponse('list_steps', 'r', { output: [{ function_id: '0' }] } as never),
    ).toThrow(ProtocolEncodeError);
  });

  it('answers unknown types with the envelope and the DBOS error text', () => {
    const frame = encodeErrorResponse('probe_unknown_type', 'r', UNKNOWN_MESSAGE_TYPE_ERROR);
    expect(JSON.parse(frame)).toEqual({
      type: 'probe_unknown_type',
      request_id: 'r',
      error_message: 'Unknown message type',
    });
    expect(decodeResponse(encodeErrorResponse('cancel', 'r', 'boom'), 'cancel')).toMatchObject({
      ok: true,
      message: { error_message: 'boom' },
    });
  });
});

describe('toWireTimestamp', () => {
  it('formats dates and epoch ms with an explicit +00:00 offset', () => {
    expect(toWireTimestamp(0)).toBe('1970-01-01T00:00:00.000+00:00');
    expect(toWireTimestamp(new Date('2026-11-22T03:15:18.964Z'))).toBe(
      '2026-11-22T03:15:18.964+00:00',
    );
    expect(() => toWireTimestamp(Number.NaN)).toThrow(RangeError);
  });
});
