// Reading a control-plane answer the same way on both sides: on the server the API client checks
// it against the protocol itself; in the browser it asks the console's /api proxy to (the
// request carries CHECK_HEADER) and reads the proxy's verdict, so no schema ships to the browser.
import {
  CHECK_HEADER,
  CHECKED_HEADER,
  valueOf,
  type AnswerExpectation,
  type ApiValue,
  type CheckedAnswer,
} from './checked-answer';

const onServer = () => typeof window === 'undefined';

/** The headers asking the /api proxy for a check: none on the server, which checks itself. */
export function checkRequestHeaders(expectation: AnswerExpectation): Record<string, string> {
  return onServer() ? {} : { [CHECK_HEADER]: JSON.stringify(expectation) };
}

/** The value of `response`, or the failure it stands for, thrown; `what` names the request. */
export async function readAnswer(
  what: string,
  response: Response,
  expectation: AnswerExpectation,
): Promise<ApiValue> {
  const { status, answer } = await checkedAnswer(what, response, expectation);
  return valueOf(what, status, answer);
}

/** The verdict on `response`, with the control plane's status. */
async function checkedAnswer(
  what: string,
  response: Response,
  expectation: AnswerExpectation,
): Promise<{ status: number; answer: CheckedAnswer }> {
  const { status } = response;
  if (onServer()) {
    // Loaded only here, so a browser bundle never includes zod or the schemas.
    const { checkAnswer } = await import('./check-answer');
    return { status, answer: await checkAnswer(what, response, expectation) };
  }
  const checkedStatus = response.headers.get(CHECKED_HEADER);
  if (checkedStatus === null) {
    // Not from the console's proxy (Next's own error page, say): nobody checked the body.
    await response.body?.cancel();
    if (!response.ok) return { status, answer: { kind: 'http-error' } };
    return { status, answer: { kind: 'invalid', message: `${what} answered ${status} unchecked` } };
  }
  return { status: Number(checkedStatus), answer: (await response.json()) as CheckedAnswer };
}
