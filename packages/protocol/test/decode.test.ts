import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRequest, decodeResponse, MESSAGE_TYPES, WorkflowsOutputSchema } from '../src';

const captured = readFileSync(join(__dirname, 'fixtures', 'dbos-wire-capture.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { kind: string; msg?: Record<string, unknown> })
  .filter((line) => line.msg !== undefined && (line.kind === 'send' || line.kind === 'recv'))
  .map((line) => line.msg!);

/** Deterministic PRNG (mulberry32) so a failure is reproducible. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  '',
  'x',
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  'constructor',
  '__proto__',
  1e308,
];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (depth > 3 || random() < 0.15) return pick(WEIRD_VALUES);
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v) => (random() < 0.3 ? mutate(v, random, depth + 1) : v));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const roll = random();
      if (roll < 0.1) continue;
      out[key] = roll < 0.4 ? mutate(v, random, depth + 1) : v;
    }
    if (random() < 0.2)
      out[pick(['type', 'request_id', 'body', 'output', 'extra'])] = pick(WEIRD_VALUES);
    if (random() < 0.1) out.type = pick(MESSAGE_TYPES);
    return out;
  }
  return random() < 0.5 ? pick(WEIRD_VALUES) : value;
}

describe('decode never throws', () => {
  const random = rng(42);
  const frames: (string | Uint8Array)[] = [
    '',
    ' ',
    'null',
    '[]',
    '"text"',
    '42',
    '{',
    '{"type":1}',
    '{"type":"cancel","request_id":7}',
    '{"type":"__proto__","request_id":"a"}',
    '{"type":"toString","request_id":"a"}',
    '['.repeat(200_000),
    `{"type":"list_workflows","body":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
    new TextEncoder().encode('{"type":"executor_info","request_id":"é"}'),
  ];
  for (let i = 0; i < 200; i++) {
    const bytes = new Uint8Array(Math.floor(random() * 64));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    frames.push(random() < 0.5 ? bytes : new TextDecoder().decode(bytes));
  }
  for (let i = 0; i < 400; i++) {
    const base = captured[Math.floor(random() * captured.length)]!;
    const text = JSON.stringify(mutate(base, random));
    // Some frames are also truncated mid-way, as a broken peer might send them.
    frames.push(random() < 0.2 ? text.slice(0, Math.floor(random() * text.length)) : text);
  }

  it(`returns a result for ${frames.length} random and mutated frames`, () => {
    for (const frame of frames) {
      for (const result of [
        decodeRequest(frame),
        decodeResponse(frame),
        decodeResponse(frame, 'cancel'),
      ]) {
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.reason).toMatch(/^[a-z_]+$/);
      }
    }
  });

  it('survives inputs that are not frames at all', () => {
    const junk: unknown[] = [undefined, null, 42, {}, [], new ArrayBuffer(4), Symbol('x')];
    for (const frame of junk) {
      expect(decodeRequest(frame as string)).toMatchObject({ ok: false, reason: 'invalid_json' });
    }
  });

  it('decodes a large frame (10 MB) without trouble', () => {
    const big = JSON.stringify({
      type: 'export_workflow',
      request_id: 'r',
      serialized_workflow: 'A'.repeat(10 * 1024 * 1024),
    });
    expect(decodeResponse(big, 'export_workflow')).toMatchObject({ ok: true });
  });
});

describe('decode results', () => {
  it('classifies each failure and keeps what it could read of the envelope', () => {
    expect(decodeRequest('nope')).toMatchObject({ ok: false, reason: 'invalid_json' });
    expect(decodeRequest('[1]')).toMatchObject({ ok: false, reason: 'not_an_object' });
    expect(decodeRequest('{"request_id":"r"}')).toMatchObject({
      ok: false,
      reason: 'missing_envelope',
      requestId: 'r',
    });
    expect(decodeRequest('{"type":"nope","request_id":"r"}')).toEqual({
      ok: false,
      reason: 'unknown_type',
      type: 'nope',
      requestId: 'r',
    });
    expect(decodeRequest('{"type":"constructor","request_id":"r"}')).toMatchObject({
      reason: 'unknown_type',
    });
    expect(decodeRequest('{"type":"get_workflow","request_id":"r"}')).toMatchObject({
      ok: false,
      reason: 'invalid_fields',
      type: 'get_workflow',
      requestId: 'r',
      issues: [{ path: 'workflow_id' }],
    });
    expect(
      decodeResponse('{"type":"cancel","request_id":"r","error_message":"boom"}', 'delete'),
    ).toMatchObject({
      ok: false,
      reason: 'unexpected_type',
      type: 'cancel',
      errorMessage: 'boom',
    });
  });

  it('accepts bytes as well as text', () => {
    const bytes = new TextEncoder().encode('{"type":"cancel","request_id":"r","success":true}');
    expect(decodeResponse(bytes, 'cancel')).toMatchObject({ ok: true, message: { success: true } });
  });

  it('tolerates unknown keys (newer peers) and drops them', () => {
    const result = decodeResponse('{"type":"cancel","request_id":"r","success":true,"future":1}');
    expect(result).toEqual({
      ok: true,
      message: { type: 'cancel', request_id: 'r', success: true },
    });
  });
});

describe('null and missing are equivalent', () => {
  it('decodes the TS form (keys omitted) and the Python form (keys null) alike', () => {
    const ts = decodeResponse('{"type":"get_workflow","request_id":"r"}', 'get_workflow');
    const py = decodeResponse(
      '{"type":"get_workflow","request_id":"r","output":null,"error_message":null}',
      'get_workflow',
    );
    expect(ts.ok && py.ok).toBe(true);
    expect(ts.ok && ts.message.output == null).toBe(true);
    expect(py.ok && py.message.output == null).toBe(true);
  });

  it('decodes a Python-style response where every optional key is null', () => {
    const nullRecord = Object.fromEntries(
      Object.keys(WorkflowsOutputSchema.shape).map((key) => [key, null]),
    );
    const frame = JSON.stringify({
      type: 'list_workflows',
      request_id: 'r',
      error_message: null,
      output: [{ ...nullRecord, WorkflowUUID: 'wf-1' }],
    });
    const result = decodeResponse(frame, 'list_workflows');
    expect(result).toMatchObject({
      ok: true,
      message: { output: [{ WorkflowUUID: 'wf-1', Status: null }] },
    });

    const steps = decodeResponse(
      JSON.stringify({
        type: 'list_steps',
        request_id: 'r',
        error_message: null,
        output: [
          {
            function_id: 1,
            function_name: 'step',
            output: null,
            error: null,
            child_workflow_id: null,
            started_at_epoch_ms: null,
            completed_at_epoch_ms: null,
          },
        ],
      }),
      'list_steps',
    );
    expect(steps.ok).toBe(true);

    for (const type of MESSAGE_TYPES.filter((t) => t !== 'executor_info')) {
      const bare = decodeResponse(
        JSON.stringify({ type, request_id: 'r', error_message: null }),
        type,
      );
      expect(bare.ok, type).toBe(true);
    }
  });

  it('decodes requests with null optional fields', () => {
    const result = decodeRequest(
      '{"type":"list_steps","request_id":null,"workflow_id":"w","limit":null,"load_output":null}',
    );
    expect(result).toMatchObject({ ok: true, message: { type: 'list_steps', workflow_id: 'w' } });
  });
});
