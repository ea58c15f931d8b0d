import { z } from 'zod';
import { paginated } from './pagination';
import { IsoTimestampSchema } from './query-params';

/** Roles in an organization, most powerful first. */
export const ROLES = ['OWNER', 'ADMIN', 'OPERATOR', 'VIEWER'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const MemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  joinedAt: IsoTimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;

/** `GET /v2/orgs/{org}/members` (`?limit=&offset=`). */
export const ListMembersResponseSchema = paginated(MemberSchema);
export type ListMembersResponse = z.infer<typeof ListMembersResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/members/{userId}`. */
export const MemberParamsSchema = z.object({ userId: z.uuid() });

/** `PATCH /v2/orgs/{org}/members/{userId}`. */
export const UpdateMemberRequestSchema = z.object({ role: RoleSchema });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequestSchema>;
export const UpdateMemberResponseSchema = MemberSchema;
export type UpdateMemberResponse = Member;
