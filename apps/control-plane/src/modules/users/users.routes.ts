import {
  CurrentUserResponseSchema,
  RegisterUserRequestSchema,
  RegisterUserResponseSchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

/** Accounts (see UsersController). */
export const USER_ROUTES: readonly RouteSpec[] = [
  {
    method: 'post',
    path: '/v2/users',
    operationId: 'registerUser',
    summary: 'Sign up',
    description:
      'Registers a user; then sign in with `POST /v2/sessions`. With `joinSecret` the user also joins its organization. When the installation signs up by invitation (`PODIUM_SIGNUP=invite`), a join secret is required except for its first account. Rate-limited per client address.',
    tag: 'Users',
    access: 'public',
    status: 201,
    body: RegisterUserRequestSchema,
    response: RegisterUserResponseSchema,
    errors: ['CONFLICT', 'FORBIDDEN', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/v2/users/me',
    operationId: 'getCurrentUser',
    summary: 'The signed-in user and their organizations, with their role in each',
    tag: 'Users',
    access: 'user',
    response: CurrentUserResponseSchema,
  },
];
