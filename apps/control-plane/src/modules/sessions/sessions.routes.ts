import {
  CreateSessionRequestSchema,
  CreateSessionResponseSchema,
  RefreshSessionResponseSchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const common = { tag: 'Sessions', access: 'public' } as const;

/** Console sessions (see SessionsController). Public: each route checks what it needs itself. */
export const SESSION_ROUTES: readonly RouteSpec[] = [
  {
    ...common,
    method: 'post',
    path: '/v2/sessions',
    operationId: 'signIn',
    summary: 'Sign in',
    description:
      'Sets the HttpOnly `podium_access` and `podium_refresh` cookies and the readable `podium_csrf` cookie; state-changing requests with these cookies echo `podium_csrf` in `X-CSRF-Token`. Rate-limited per client address and account.',
    status: 201,
    body: CreateSessionRequestSchema,
    response: CreateSessionResponseSchema,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  {
    ...common,
    method: 'post',
    path: '/v2/sessions/refresh',
    operationId: 'refreshSession',
    summary: 'Refresh the session: a new access cookie and a rotated refresh cookie',
    security: [['refresh', 'csrf']],
    response: RefreshSessionResponseSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  },
  {
    ...common,
    method: 'delete',
    path: '/v2/sessions/current',
    operationId: 'signOut',
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
];
