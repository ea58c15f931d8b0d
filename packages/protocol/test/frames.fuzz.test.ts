import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  isMessageType,
  MESSAGE_TYPES,
  type MessageType,
  ProtocolEncodeError,
} from '../src';
import { fuzzParameters } from './fuzz-parameters';

/**
 * Properties of the frame codec over generated input, seeded by the golden frames of a real
 * DBOS TS 5.2.11 executor and mutated: decoding never throws, whatever arrives; a failure still
 * names the envelope it could read; and what the encoders return always decodes — a frame we
 * send is one we would accept (a DBOS TypeScript executor crashes on a malformed one).
 */

type Frame = Record<string, unknown>;

const golden = readFileSync(join(__dirname, 'fixtures', 'dbos-wire-capture.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { kind: string; msg?: Frame })
  .filter((line) => line.msg !== undefined && isMessageType(line.msg.type));
const requests = golden.filter((l) => l.kind === 'send').map((l) => l.msg as Frame);
const responses = golden.filter((l) => l.kind === 'recv').map((l) => l.msg as Frame);

/** Any JSON value, deep and odd strings included (lone surrogates, NUL, very long). */
const anyJson = fc.jsonValue({ maxDepth: 4 });
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom('\u0000', '\ud800', '', ' ', 'null', '{}', 'x'.repeat(70_000)),
);

/** A frame with one change: a key dropped, or set to any value (at the top or in `body`). */
function mutated(frames: readonly Frame[]): fc.Arbitrary<Frame> {
  return fc
    .tuple(
      fc.constantFrom(...frames),
      fc.boolean(),
      fc.nat(),
      fc.option(fc.oneof(anyJson, oddString), { nil: undefined }),
    )
    .map(([frame, inBody, pick, value]) => {
      const copy = structuredClone(frame);
      const body = copy.body;
      const target: Frame =
        inBody && typeof body === 'object' && body !== null && !Array.isArray(body)
          ? (body as Frame)
          : copy;
      const keys = Object.keys(target);
      const key = keys.length > 0 ? (keys[pick % keys.length] as string) : 'extra';
      if (value === undefined) delete target[key];
      else target[key] = value;
      return copy;
    });
}

/** Never throws; a failure keeps the `type` and `request_id` it could read. */
function expectTotal(frame: unknown, decode: (frame: string | Uint8Array) => unknown) {
  const result = decode(frame as string) as { ok: boolean; type?: string; requestId?: string };
  expect(typeof result.ok).toBe('boolean');
  if (result.ok || typeof frame !== 'string') return result;
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return result;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const { type, request_id: requestId } = parsed as Frame;
    if (typeof type === 'string') expect(result.type).toBe(type);
    if (typeof requestId === 'string' && typeof type === 'string') {
      expect(result.requestId).toBe(requestId);
    }
  }
  return result;
}

/** `encode` either refuses with ProtocolEncodeError or returns a frame `decode` accepts. */
function expectEncodedAccepted(
  encode: () => string,
  decode: (frame: string) => { ok: boolean },
): void {
  let frame: string;
  try {
    frame = encode();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolEncodeError);
    return;
  }
  const decoded = decode(frame);
  expect(decoded, frame.slice(0, 500)).toMatchObject({ ok: true });
}

describe('frame codec under generated input', () => {
  it('decodes any text, bytes or JSON without throwing', () => {
    const anyFrame = fc.oneof(
      oddString,
      anyJson.map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 256 }),
    );
    fc.assert(
      fc.property(anyFrame, (frame) => {
        expectTotal(frame, decodeRequest);
        expectTotal(frame, decodeResponse);
      }),
      fuzzParameters(),
    );
  });

  it('decodes any envelope of a known type, and keeps its type and request_id on failure', () => {
    const envelope = fc.record(
      {
        type: fc.constantFrom(...MESSAGE_TYPES),
        request_id: fc.oneof(fc.uuid(), oddString, anyJson),
        body: anyJson,
        error_message: fc.oneof(oddString, anyJson),
        output: anyJson,
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(envelope, (frame) => {
        const text = JSON.stringify(frame);
        expectTotal(text, decodeRequest);
        expectTotal(text, decodeResponse);
        expectTotal(text, (f) => decodeResponse(f, frame.type));
      }),
      fuzzParameters(),
    );
  });

  it('decodes mutated golden frames; an accepted one decodes again to the same message', () => {
    const cases = fc.oneof(
      mutated(requests).map((frame) => ({ frame, decode: decodeRequest })),
      mutated(responses).map((frame) => ({ frame, decode: decodeResponse })),
    );
    fc.assert(
      fc.property(cases, ({ frame, decode }) => {
        const result = expectTotal(JSON.stringify(frame), decode) as {
          ok: boolean;
          message?: unknown;
        };
        if (!result.ok) return;
        const again = decode(JSON.stringify(result.message));
        expect(again).toEqual({ ok: true, message: result.message });
      }),
      fuzzParameters(),
    );
  });

  it('encodes a request only into a frame that decodes, whatever fields it is given', () => {
    fc.assert(
      fc.property(mutated(requests), (frame) => {
        const { type, ...fields } = frame;
        expectEncodedAccepted(
          () =>
            (encodeRequest as (t: MessageType, f?: unknown) => { frame: string })(
              type as MessageType,
              fields,
            ).frame,
          decodeRequest,
        );
      }),
      fuzzParameters(),
    );
  });

  it('encodes a response only into a frame that decodes as that type, whatever body it is given', () => {
    fc.assert(
      fc.property(mutated(responses), (frame) => {
        const { type, request_id: requestId, ...body } = frame;
        const messageType = type as MessageType;
        expectEncodedAccepted(
          () =>
            (encodeResponse as (t: MessageType, id: unknown, b: unknown) => string)(
              messageType,
              requestId,
              body,
            ),
          (text) => decodeResponse(text, messageType),
        );
      }),
      fuzzParameters(),
    );
  });
});
