// The /api proxy for a request that asks for its answer to be checked (CHECK_HEADER, sent by the
// console's browser code): forwards it, checks the answer against the protocol's schemas here on
// the server, and answers with the verdict (a CheckedAnswer, CHECKED_HEADER set), so the browser
// downloads neither zod nor the schemas. Other requests (streams, downloads) pass through as they are.
import { AppError } from '@podium/protocol/rest';
import { z } from 'zod';
import { checkAnswer, isSchemaName, readExpectation, restSchema } from '../check-answer';
import {
  CHECK_HEADER,
  CHECKED_HEADER,
  STREAM_CHECK_PARAM,
  type CheckedAnswer,
} from '../checked-answer';
import { problemResponse } from '../problem-details';
import { describeNetworkError } from '../network-error';
import { checkEventStream } from './checked-event-stream';
import { forwardRequest, type ForwardOptions } from './forward';
import { forwardResponseHeaders } from './headers';

/** Statuses whose responses may carry no body: the verdict then goes out as a 200. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export async function forwardChecked(request: Request, options: ForwardOptions): Promise<Response> {
  if (new URL(request.url).searchParams.has(STREAM_CHECK_PARAM)) {
    return forwardCheckedStream(request, options);
  }
  const asked = request.headers.get(CHECK_HEADER);
  if (asked === null) return forwardRequest(request, options);
  const expectation = readExpectation(asked);
  if (!expectation.success) {
    const detail = `${CHECK_HEADER}: ${z.prettifyError(expectation.error)}`;
    return problemResponse(new AppError('VALIDATION_FAILED', detail).toProblem());
  }
  const response = await forwardRequest(request, options);
  const name = requestName(request, options);
  let answer: CheckedAnswer;
  try {
    answer = await checkAnswer(name, response, expectation.data);
  } catch (error) {
    // The answer's body broke off (the control plane or a replica behind it went away).
    if (request.signal.aborted) return new Response(null, { status: 499 });
    const detail = `The control plane's answer to ${name} was cut off (${describeNetworkError(error)}).`;
    return problemResponse(new AppError('CONTROL_PLANE_UNREACHABLE', detail).toProblem());
  }
  const headers = forwardResponseHeaders(response.headers);
  // The body is now the verdict: none of the upstream body's own description applies to it.
  for (const name of ['content-type', 'content-length', 'content-encoding', 'etag']) {
    headers.delete(name);
  }
  headers.set(CHECKED_HEADER, String(response.status));
  headers.set('content-type', 'application/json');
  headers.set('cache-control', 'no-store');
  const status = NULL_BODY_STATUSES.has(response.status) ? 200 : response.status;
  return new Response(JSON.stringify(answer), { status, headers });
}

/** An event stream whose events are checked with the schema STREAM_CHECK_PARAM names. */
async function forwardCheckedStream(request: Request, options: ForwardOptions): Promise<Response> {
  const url = new URL(request.url);
  const name = url.searchParams.get(STREAM_CHECK_PARAM);
  if (!isSchemaName(name)) {
    const detail = `${STREAM_CHECK_PARAM}: ${name} is not a schema of @podium/protocol/rest`;
    return problemResponse(new AppError('VALIDATION_FAILED', detail).toProblem());
  }
  url.searchParams.delete(STREAM_CHECK_PARAM);
  const response = await forwardRequest(new Request(url, request), options);
  const isStream = response.headers.get('content-type')?.startsWith('text/event-stream');
  if (!isStream || !response.body) return response;
  return new Response(checkEventStream(response.body, restSchema(name)), {
    status: response.status,
    headers: response.headers,
  });
}

/** `GET /v2/orgs/x?limit=5`: the request as the console's API client names it. */
function requestName(request: Request, { mountPath }: ForwardOptions): string {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(mountPath)
    ? url.pathname.slice(mountPath.length)
    : url.pathname;
  return `${request.method} ${path}${url.search}`;
}
