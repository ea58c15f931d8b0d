import { problemType } from '@podium/protocol/rest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFailure } from '../testing/api-failure';
import { checkRequestHeaders, readAnswer } from './answer-reader';
import { CHECK_HEADER, CHECKED_HEADER, type CheckedAnswer } from './checked-answer';

// The browser's side: it reads the /api proxy's verdict instead of checking with zod.
beforeEach(() => vi.stubGlobal('window', {}));
afterEach(() => vi.unstubAllGlobals());

const expectation = { schema: 'ListPermissionsResponseSchema', list: true } as const;
const verdict = (answer: CheckedAnswer, status: number, proxyStatus = status) =>
  new Response(JSON.stringify(answer), {
    status: proxyStatus,
    headers: { [CHECKED_HEADER]: String(status) },
  });

describe('reading an answer in the browser', () => {
  it('asks the proxy for the check, naming the schema', () => {
    expect(JSON.parse(checkRequestHeaders(expectation)[CHECK_HEADER] ?? '')).toEqual(expectation);
  });

  it("takes the proxy's parsed value and page meta", async () => {
    const answer = { kind: 'value', value: ['metric.read'], meta: { limit: 2 } } as const;
    await expect(readAnswer('GET /p', verdict(answer, 200), expectation)).resolves.toEqual({
      value: ['metric.read'],
      meta: { limit: 2 },
    });
  });

  it("rebuilds the control plane's problem, and names its status in other failures", async () => {
    const problem = {
      type: problemType('NOT_FOUND'),
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
    };
    const stated = await apiFailure(
      readAnswer('GET /p', verdict({ kind: 'problem', problem }, 404), expectation),
    );
    expect(stated).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const invalid = {
      kind: 'invalid',
      message: 'GET /p answered 200 with an unexpected body',
    } as const;
    const wrong = await apiFailure(readAnswer('GET /p', verdict(invalid, 200), expectation));
    expect(wrong).toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 200,
      message: invalid.message,
    });
  });

  it('refuses an answer no proxy checked', async () => {
    const bare = new Response('["metric.read"]', { status: 200 });
    await expect(apiFailure(readAnswer('GET /p', bare, expectation))).resolves.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: 'GET /p answered 200 unchecked',
    });
    const error = new Response('<html>', { status: 502 });
    await expect(apiFailure(readAnswer('GET /p', error, expectation))).resolves.toMatchObject({
      code: 'HTTP_ERROR',
      status: 502,
    });
  });
});
