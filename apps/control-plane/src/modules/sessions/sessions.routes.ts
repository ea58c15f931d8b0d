import {
  CreateSessionRequestSchema,
  CreateSessionResponseSchema,
  RefreshSessionResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

const common = { tag: 'Sessions', access: 'public' } as const;

/** Console sessions (see SessionsController). Public: each route checks what it needs itself. */
export const SESSION_ROUTES = routeTable({
  signIn: {
    ...common,
    method: 'post',
    path: '/v2/sessions',
    summary: 'Sign in',
    description:
      'Sets the HttpOnly `podium_access` and `podium_refresh` cookies and the readable `podium_csrf` cookie; state-changing requests with these cookies echo `podium_csrf` in `X-CSRF-Token`. Rate-limited per client address and account.',
    status: 201,
    body: CreateSessionRequestSchema,
    response: CreateSessionResponseSchema,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  refreshSession: {
    ...common,
    method: 'post',
    path: '/v2/sessions/refresh',
    summary: 'Refresh the session: a new access cookie and a rotated refresh cookie',
    security: [['refresh', 'csrf']],
    response: RefreshSessionResponseSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  },
  signOut: {
    ...common,
    method: 'delete',
    path: '/v2/sessions/current',
    summary: 'Sign out',
    description:
      'Ends the session server-side (its access cookie stops working at once) and clears the cookies. Signing out without a session is not an error.',
    security: [
      ['session', 'csrf'],
      ['refresh', 'csrf'],
    ],
    status: 204,
    errors: ['FORBIDDEN'],
  },
});
