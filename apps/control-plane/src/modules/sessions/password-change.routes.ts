import { ChangePasswordRequestSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** The signed-in user's password (see PasswordChangeController). */
export const PASSWORD_CHANGE_ROUTES = routeTable({
  changePassword: {
    method: 'put',
    path: '/v2/users/me/password',
    summary: 'Change the password',
    description:
      "Needs the current password, checked as a sign-in's is (rate-limited per client address and account; a wrong one is 403). Every other session of the user ends; the one asking stays signed in.",
    tag: 'Users',
    access: 'user',
    body: ChangePasswordRequestSchema,
    status: 204,
    errors: ['RATE_LIMITED'],
  },
});
