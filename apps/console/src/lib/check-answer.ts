// Server side only (the /api proxy, and the API client when it runs on the server): checks a
// control-plane answer against the protocol's schemas with zod. The browser never imports this
// module, so zod and the schemas stay out of its bundle; it asks the proxy instead (CHECK_HEADER).
import * as Rest from '@podium/protocol/rest';
import { ProblemDetailsSchema, readListHeaders } from '@podium/protocol/rest';
import { z } from 'zod';
import type { AnswerExpectation, CheckedAnswer } from './checked-answer';
import type { SchemaName } from './rest-schema-names';

/** A schema's name among the protocol's exports (by what it does: the protocol's zod may be another copy). */
export function isSchemaName(name: unknown): name is SchemaName {
  if (typeof name !== 'string' || !Object.hasOwn(Rest, name)) return false;
  const value: unknown = Rest[name as keyof typeof Rest];
  return typeof value === 'object' && value !== null && 'safeParse' in value;
}

/** The protocol's schema named `name`. */
export function restSchema(name: SchemaName): z.ZodType {
  return Rest[name] as z.ZodType;
}

/** What the check header may say: a schema the protocol exports, by name. */
export const AnswerExpectationSchema = z.strictObject({
  schema: z.custom<SchemaName>(isSchemaName, 'is not a schema of @podium/protocol/rest').optional(),
  list: z.boolean().optional(),
  okStatuses: z.array(z.number().int().min(100).max(599)).optional(),
});

/** The check header's expectation, or why it is not one (not JSON, or not of that shape). */
export function readExpectation(header: string) {
  const json = parseJson(header);
  return AnswerExpectationSchema.safeParse(json === NOT_JSON ? undefined : json);
}

/** Checks `response` as a request expecting `expectation` would; `what` names the request. */
export async function checkAnswer(
  what: string,
  response: Response,
  expectation: AnswerExpectation,
): Promise<CheckedAnswer> {
  const { status } = response;
  const isOk = expectation.okStatuses
    ? expectation.okStatuses.includes(status)
    : status >= 200 && status < 300;
  if (!isOk) return failureOf(response);
  if (!expectation.schema) {
    await response.body?.cancel();
    return { kind: 'empty' };
  }
  const meta = expectation.list ? readListHeaders((name) => response.headers.get(name)) : undefined;
  if (meta && !meta.success) {
    return invalid(`${what} answered ${status} with unexpected page headers`, meta.error);
  }
  const text = await response.text();
  const body = parseJson(text);
  if (body === NOT_JSON) {
    const type = response.headers.get('content-type') ?? 'no content type';
    return {
      kind: 'invalid',
      message: `${what} answered ${status} with a body that is not JSON (${type})`,
    };
  }
  const parsed = restSchema(expectation.schema).safeParse(body);
  if (!parsed.success)
    return invalid(`${what} answered ${status} with an unexpected body`, parsed.error);
  return { kind: 'value', value: parsed.data, ...(meta && { meta: meta.data }) };
}

/** A failure stated in problem details, or an error status from something in between. */
async function failureOf(response: Response): Promise<CheckedAnswer> {
  const body = parseJson(await response.text().catch(() => ''));
  const problem = ProblemDetailsSchema.safeParse(body);
  return problem.success ? { kind: 'problem', problem: problem.data } : { kind: 'http-error' };
}

function invalid(message: string, error: z.ZodError): CheckedAnswer {
  return { kind: 'invalid', message: `${message}:\n${z.prettifyError(error)}` };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
