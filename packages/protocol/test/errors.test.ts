import { describe, expect, it } from 'vitest';
import {
  appErrorFromBody,
  AppError,
  ERROR_CODE_LIST,
  ERROR_CODES,
  paginated,
  PaginationQuerySchema,
  ProblemDetailsSchema,
  problemType,
} from '../src';
import { z } from 'zod';

describe('error codes', () => {
  it('maps codes to stable problem type URIs', () => {
    expect(problemType('EXECUTOR_UNAVAILABLE')).toBe(
      'https://podium.dev/problems/executor-unavailable',
    );
    expect(ERROR_CODES.EXECUTOR_UNAVAILABLE.status).toBe(503);
    expect(ERROR_CODES.EXECUTOR_NO_ANSWER.status).toBe(502);
    for (const code of ERROR_CODE_LIST) expect(problemType(code)).toMatch(/^https:\/\/[a-z./-]+$/);
  });
});

describe('AppError', () => {
  it('round-trips through a problem body', () => {
    const error = AppError.validation([{ path: 'name', message: 'too short' }], 'bad app');
    const problem = error.toProblem('/v1/apps');
    expect(ProblemDetailsSchema.parse(problem)).toEqual({
      type: 'https://podium.dev/problems/validation-failed',
      title: ERROR_CODES.VALIDATION_FAILED.title,
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'bad app',
      instance: '/v1/apps',
      errors: [{ path: 'name', message: 'too short' }],
    });
    const rebuilt = appErrorFromBody(JSON.parse(JSON.stringify(problem)));
    expect(rebuilt).toBeInstanceOf(AppError);
    expect(rebuilt).toMatchObject({ code: 'VALIDATION_FAILED', status: 422, detail: 'bad app' });
    expect(rebuilt.errors).toEqual([{ path: 'name', message: 'too short' }]);
  });

  it('keeps extension members and recognises itself across copies', () => {
    const error = new AppError('EXECUTOR_NO_ANSWER', 'timed out after 30 s', { requestId: 'r' });
    const rebuilt = AppError.fromProblem(error.toProblem());
    expect(rebuilt.extra).toEqual({ requestId: 'r' });
    expect(AppError.is(rebuilt)).toBe(true);
    expect(AppError.is(new Error('x'))).toBe(false);
  });

  it('falls back sensibly on bodies that are not problems', () => {
    expect(appErrorFromBody('<html>bad gateway</html>', 502).code).toBe('EXECUTOR_NO_ANSWER');
    expect(appErrorFromBody(null).code).toBe('INTERNAL');
    expect(
      appErrorFromBody({ type: 'about:blank', title: 'Teapot', status: 418, code: 'TEAPOT' }).code,
    ).toBe('VALIDATION_FAILED');
  });
});

describe('paginated', () => {
  it('builds a page schema around an item schema', () => {
    const Page = paginated(z.object({ id: z.string() }));
    expect(Page.parse({ items: [{ id: 'a' }], limit: 50, offset: 0, nextOffset: 50 })).toEqual({
      items: [{ id: 'a' }],
      limit: 50,
      offset: 0,
      nextOffset: 50,
    });
    expect(Page.safeParse({ items: [{ id: 1 }], limit: 50, offset: 0 }).success).toBe(false);
  });

  it('coerces and bounds query parameters', () => {
    expect(PaginationQuerySchema.parse({ limit: '10', offset: '20' })).toEqual({
      limit: 10,
      offset: 20,
    });
    expect(PaginationQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(PaginationQuerySchema.safeParse({ limit: '100000' }).success).toBe(false);
  });
});
