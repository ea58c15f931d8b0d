import {
  CurrentUserResponseSchema,
  RegisterUserRequestSchema,
  RegisterUserResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** Accounts (see UsersController). */
export const USER_ROUTES = routeTable({
  registerUser: {
    method: 'post',
    path: '/v2/users',
    summary: 'Sign up',
    description:
      "Registers a user; then sign in with `POST /v2/sessions`. With `secret` (a join secret) the user also joins its organization; `name`, `givenName`, `familyName` and `company` are DBOS Conductor's profile fields (the user name is unique). When the installation signs up by invitation (`PODIUM_SIGNUP=invite`), a join secret is required except for its first account. Rate-limited per client address.",
    tag: 'Users',
    access: 'public',
    status: 201,
    body: RegisterUserRequestSchema,
    response: RegisterUserResponseSchema,
    errors: ['CONFLICT', 'FORBIDDEN', 'RATE_LIMITED'],
  },
  getCurrentUser: {
    method: 'get',
    path: '/v2/users/me',
    summary: 'The signed-in user and their organizations, with their role in each',
    tag: 'Users',
    access: 'user',
    response: CurrentUserResponseSchema,
  },
});
