import { ListSessionsResponseSchema, SessionParamsSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { MAX_LISTED_SESSIONS } from './sessions.repository';

// Under /v2/users/me, not /v2/sessions: the refresh cookie (path /v2/sessions) is not sent with them.
const signedIn = { tag: 'Sessions', access: 'user' } as const;

/** The signed-in user's own sessions (see UserSessionsController). */
export const USER_SESSION_ROUTES = routeTable({
  listUserSessions: {
    ...signedIn,
    method: 'get',
    path: '/v2/users/me/sessions',
    summary: "The signed-in user's live sessions, most recently used first",
    description: `At most ${MAX_LISTED_SESSIONS}. Each names the browser that signed in; never a token.`,
    response: ListSessionsResponseSchema,
  },
  endUserSession: {
    ...signedIn,
    method: 'delete',
    path: '/v2/users/me/sessions/{sessionId}',
    summary: "End one of the signed-in user's sessions",
    description:
      'Its access cookie stops working at once, its refresh cookie can no longer be used and its live streams close. Ending the session asking signs it out: its cookies are cleared, as by `DELETE /v2/sessions/current`.',
    params: SessionParamsSchema,
    status: 204,
  },
});
