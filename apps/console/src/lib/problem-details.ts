import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@podium/protocol/rest';

/** A problem+json response (shapes and codes come from @podium/protocol), never cached. */
export function problemResponse(problem: ProblemDetails): Response {
  return Response.json(problem, {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}
