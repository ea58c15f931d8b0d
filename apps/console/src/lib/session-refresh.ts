// Refreshing a console session when its 15-minute access cookie has expired. The refresh
// cookie is rotated on every use, so at most one refresh may be in flight per control plane:
// concurrent 401s wait for the same one instead of racing each other with a stale cookie.
import { CSRF_HEADER } from '@podium/protocol/rest';
import { checkRequestHeaders, readAnswer } from './answer-reader';
import { joinUrl } from './url';

const inFlight = new Map<string, Promise<boolean>>();

export const REFRESH_PATH = '/v2/sessions/refresh';

/** Refreshes the session behind `baseUrl`; true when a new access cookie was issued. */
export function refreshSession(baseUrl: string, csrfToken: string): Promise<boolean> {
  let pending = inFlight.get(baseUrl);
  if (!pending) {
    pending = refreshOnce(baseUrl, csrfToken).finally(() => inFlight.delete(baseUrl));
    inFlight.set(baseUrl, pending);
  }
  return pending;
}

const refreshed = { schema: 'RefreshSessionResponseSchema' } as const;

async function refreshOnce(baseUrl: string, csrfToken: string): Promise<boolean> {
  try {
    const response = await fetch(joinUrl(baseUrl, REFRESH_PATH), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        [CSRF_HEADER]: csrfToken,
        ...checkRequestHeaders(refreshed),
      },
      cache: 'no-store',
    });
    // Throws on a refusal as on a body that is not a session.
    await readAnswer(`POST ${REFRESH_PATH}`, response, refreshed);
    return true;
  } catch {
    // Unreachable or garbled: the original 401 stands, and says more than this would.
    return false;
  }
}
