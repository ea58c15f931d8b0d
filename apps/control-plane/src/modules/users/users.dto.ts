import {
  SELF_HOSTED_PLAN,
  type CurrentUserResponse,
  isBuiltInRoleName,
  type RoleOutput,
  type User,
  type UserOrganization,
} from '@podium/protocol';
import type { UserRecord } from './users.repository';

export function mapUser(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    name: user.name,
    givenName: user.givenName,
    familyName: user.familyName,
    company: user.company,
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * DBOS Conductor's `name`, which its member paths take: the user name given at sign-up, or else
 * the user id (never the display name, which may be another member's user name).
 */
export function dbosNameOf(user: { readonly name: string | null }, userId: string): string {
  return user.name ?? userId;
}

/** Podium's view (every organization) and DBOS Conductor's (one: the oldest membership). */
export function mapCurrentUser(
  user: UserRecord,
  organizations: readonly UserOrganization[],
): CurrentUserResponse {
  const first = organizations[0];
  const role: RoleOutput | undefined = first && {
    name: first.role,
    permissions: [...first.permissions],
    isGlobal: isBuiltInRoleName(first.role),
  };
  return {
    user: mapUser(user),
    organizations: [...organizations],
    name: dbosNameOf(user, user.id),
    email: user.email,
    orgId: first?.id ?? '',
    orgName: first?.name ?? '',
    ...(role && { role }),
    subscriptionPlan: SELF_HOSTED_PLAN.subscriptionPlan,
    createdAt: user.createdAt.toISOString(),
  };
}
