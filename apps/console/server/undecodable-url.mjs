// @ts-check
// Next.js answers a request whose path does not percent-decode (`/api/v2/orgs/%E0%A4%A`) with
// its own 500 in plain text, before any route handler runs. The console refuses such a request
// itself, as the control plane does: a 400 RFC 9457 problem that does not echo the path.
import { AppError, PROBLEM_CONTENT_TYPE } from '@podium/protocol/rest';

/**
 * Answers and returns true when the request's path cannot be decoded; false otherwise.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function refuseUndecodableUrl(req, res) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const error = new AppError(
      'MALFORMED_REQUEST',
      'The URL is not valid: a percent-encoded part does not decode to UTF-8 text.',
    );
    res.writeHead(error.status, { 'Content-Type': PROBLEM_CONTENT_TYPE });
    res.end(JSON.stringify(error.toProblem()));
    return true;
  }
}
