import { z } from 'zod';
import { paginated } from './pagination';
import { RoleOutputSchema, RoleSchema } from './roles';
import { IsoTimestampSchema } from './query-params';
import { MemberRefSchema } from './member-ref';

// The built-in roles live with the roles: members hold one of them or a custom one.
export { ROLES, RoleSchema, type Role } from './roles';

export const MemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.string().describe('The name of their one role: built in, or one of the organization.'),
  joinedAt: IsoTimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;

/**
 * `GET /v2/orgs/{org}/members` (`?limit=&offset=`): the page, and DBOS Conductor's view of it,
 * `orgName` and `users`: each member's role by their DBOS user name, or by user id for a member
 * without one (either is what the member paths take).
 */
export const ListMembersResponseSchema = paginated(MemberSchema).extend({
  orgName: z.string(),
  users: z.record(z.string(), RoleOutputSchema),
});
export type ListMembersResponse = z.infer<typeof ListMembersResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/members/{userId}` (see MemberRefSchema). */
export const MemberParamsSchema = z.object({ userId: MemberRefSchema });

/** `PATCH /v2/orgs/{org}/members/{userId}`. */
export const UpdateMemberRequestSchema = z.object({ role: RoleSchema });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequestSchema>;

/**
 * A member's API keys and join secrets revoked because they lost the power to create them
 * (removed, or given a role that may not create them): what identifies them, never the secrets.
 */
export const RevokedCredentialsSchema = z.object({
  apiKeys: z.array(z.object({ id: z.uuid(), name: z.string(), prefix: z.string() })),
  joinSecrets: z.array(z.object({ id: z.uuid(), prefix: z.string(), role: RoleSchema })),
});
export type RevokedCredentials = z.infer<typeof RevokedCredentialsSchema>;

export const UpdateMemberResponseSchema = MemberSchema.extend({
  revoked: RevokedCredentialsSchema.describe(
    "The member's live API keys and join secrets the new role may not create, now revoked.",
  ),
});
export type UpdateMemberResponse = z.infer<typeof UpdateMemberResponseSchema>;

/**
 * `DELETE /v2/orgs/{org}/members/{userId}`: who was removed, as DBOS Conductor's `Member`. What
 * of theirs it revoked is in the audit entry and the key and join secret lists.
 */
export const RemovedMemberSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  email: z.string(),
  name: z
    .string()
    .describe('Their DBOS user name, or else their user id: what the member paths take.'),
  givenName: z.string(),
  familyName: z.string(),
  company: z.string(),
});
export type RemovedMember = z.infer<typeof RemovedMemberSchema>;
