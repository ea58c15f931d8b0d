import {
  decodeResponse,
  encodeRequest,
  MESSAGE_TYPES,
  type PartialExecutorRequestHandlers,
} from '@podium/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import type { Reply } from './connection';
import { Dispatcher } from './dispatch';

/**
 * The dispatcher under generated input: any frame from the control plane, and any result from
 * a handler (junk, a throw, a rejection), leave the app running and get at most one answer,
 * which always decodes as a response of the request's type with its `request_id` — a frame the
 * control plane accepts. Seeded: the same cases every run (`FUZZ_SEED=random`, `FUZZ_RUNS=<n>`
 * explore further).
 */
const FUZZ = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  ...(process.env.FUZZ_SEED !== 'random' && { seed: Number(process.env.FUZZ_SEED ?? 20261207) }),
};

const anyJson = fc.jsonValue({ maxDepth: 3 });
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 32 }),
  fc.constantFrom('\u0000', '\ud800', '', 'null'),
);

/** Valid requests of a few types, as the control plane sends them. */
const validFrame = fc.oneof(
  fc.constant(encodeRequest('executor_info').frame),
  fc.array(fc.string(), { maxLength: 3 }).map((ids) => {
    try {
      return encodeRequest('recovery', { executor_ids: ids }).frame;
    } catch {
      return encodeRequest('recovery', { executor_ids: ['e'] }).frame;
    }
  }),
  fc.constant(encodeRequest('list_workflows', { body: {} }).frame),
  fc.string({ minLength: 1 }).map((id) => encodeRequest('cancel', { workflow_id: id }).frame),
);

/** Envelopes of known and unknown types with whatever fields. */
const junkFrame = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), oddString),
      request_id: fc.oneof(fc.uuid(), oddString, anyJson),
      body: anyJson,
      workflow_id: fc.oneof(oddString, anyJson),
      executor_ids: anyJson,
    },
    { requiredKeys: ['type'] },
  )
  .map((frame) => JSON.stringify(frame));

const anyFrame = fc.oneof(validFrame, junkFrame, oddString);

/** What a handler does: return something (valid or not), throw, or reject. */
const behaviour = fc.oneof(
  anyJson.map((value) => ({ returns: value })),
  fc.constantFrom({ returns: { success: true } }, { returns: { output: [] } }),
  fc.constantFrom({ throws: true }, { rejects: true }),
);

function handlersDoing(act: { returns?: unknown; throws?: boolean; rejects?: boolean }) {
  const handler = (): Promise<Record<string, unknown>> => {
    if (act.throws) throw new Error('handler threw');
    if (act.rejects) return Promise.reject(new Error('handler rejected'));
    return Promise.resolve(act.returns as Record<string, unknown>);
  };
  return Object.fromEntries(
    MESSAGE_TYPES.map((type) => [type, handler]),
  ) as PartialExecutorRequestHandlers;
}

describe('Dispatcher under generated frames and handler results', () => {
  it('answers at most once per frame, always with a response the control plane decodes', async () => {
    await fc.assert(
      fc.asyncProperty(anyFrame, behaviour, async (frame, act) => {
        const dispatcher = new Dispatcher(handlersDoing(act), silentLogger);
        const sent: string[] = [];
        const reply: Reply = { send: (text) => sent.push(text) > 0, isOpen: () => true };
        expect(() => dispatcher.dispatch(frame, reply)).not.toThrow();
        await dispatcher.drain(60_000);
        expect(sent.length).toBeLessThanOrEqual(1);
        const [answer] = sent;
        if (answer === undefined) return;
        const request = JSON.parse(frame) as { type: string; request_id?: unknown };
        const decoded = decodeResponse(answer);
        if (MESSAGE_TYPES.includes(request.type as never)) {
          expect(decoded, answer).toMatchObject({ ok: true, message: { type: request.type } });
        } else {
          // A type outside the catalog: the bare error envelope, as every DBOS SDK answers.
          expect(JSON.parse(answer)).toMatchObject({ type: request.type });
        }
        const { request_id: requestId } = JSON.parse(answer) as { request_id?: unknown };
        if (typeof request.request_id === 'string') expect(requestId).toBe(request.request_id);
        else expect(requestId).toBeUndefined();
      }),
      FUZZ,
    );
  });
});
