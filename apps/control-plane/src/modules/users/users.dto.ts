import type { CurrentUserResponse, User, UserOrganization } from '@podium/protocol';
import type { UserRecord } from './users.repository';

export function mapUser(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    createdAt: user.createdAt.toISOString(),
  };
}

export function mapCurrentUser(
  user: UserRecord,
  organizations: readonly UserOrganization[],
): CurrentUserResponse {
  return { user: mapUser(user), organizations: [...organizations] };
}
