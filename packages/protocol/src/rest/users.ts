import { z } from 'zod';
import { PermissionSchema } from './permissions';
import { RoleOutputSchema } from './roles';
import { IsoTimestampSchema } from './query-params';
import { UserNameSchema } from './user-name';
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './values/password-lengths';

export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './values/password-lengths';

/** Emails are compared case-insensitively: trimmed and lower-cased on the way in. */
export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const DisplayNameSchema = z.string().trim().min(1).max(100);

export { UserNameSchema } from './user-name';

const ProfileFieldSchema = z.string().trim().max(100);

/** A password being set (sign-up, change): the length policy applies. */
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

/** A password being checked: no length policy (that would only help guessing). */
export const GivenPasswordSchema = z.string().min(1).max(MAX_PASSWORD_LENGTH);

/**
 * `POST /v2/users`: registers a user (and signs nobody in). With a join secret (required when
 * the installation's sign-up is by invitation, except for its first account) the user also
 * joins the secret's organization.
 */
export const RegisterUserRequestSchema = z.object({
  email: EmailSchema,
  password: NewPasswordSchema,
  displayName: DisplayNameSchema,
  name: UserNameSchema.optional().describe("DBOS Conductor's user name; unique."),
  givenName: ProfileFieldSchema.optional(),
  familyName: ProfileFieldSchema.optional(),
  company: ProfileFieldSchema.optional(),
  secret: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('An invitation (join secret): the new user joins its organization with its role.'),
});
export type RegisterUserRequest = z.infer<typeof RegisterUserRequestSchema>;

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  name: z.string().nullable().describe("DBOS Conductor's user name, when given at sign-up."),
  givenName: z.string(),
  familyName: z.string(),
  company: z.string(),
  createdAt: IsoTimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

export const RegisterUserResponseSchema = UserSchema;
export type RegisterUserResponse = z.infer<typeof RegisterUserResponseSchema>;

/** One organization the current user belongs to, with their role there. */
export const UserOrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  displayName: z.string(),
  role: z.string().describe('Their role there: built in or custom.'),
  permissions: z.array(PermissionSchema),
});
export type UserOrganization = z.infer<typeof UserOrganizationSchema>;

/**
 * `GET /v2/users/me`: the signed-in user and every organization they belong to (`user`,
 * `organizations`), and DBOS Conductor's profile, whose user has one organization: here their
 * oldest membership's (`orgId`, `orgName`, `role`; empty and absent without one).
 */
export const CurrentUserResponseSchema = z.object({
  user: UserSchema,
  organizations: z.array(UserOrganizationSchema),
  name: z
    .string()
    .describe('Their DBOS user name, or else their user id: what the member paths take.'),
  email: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: RoleOutputSchema.optional(),
  subscriptionPlan: z.enum(['free', 'pro', 'past_limit', 'team']).describe('Always `team`.'),
  createdAt: IsoTimestampSchema,
  isDbosAdmin: z.boolean().optional().describe('Never set: Podium has no DBOS administrators.'),
});
export type CurrentUserResponse = z.infer<typeof CurrentUserResponseSchema>;

/**
 * `PUT /v2/users/me/password`: sets a new password, given the current one. The user's other
 * sessions end; the one asking stays signed in.
 */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: GivenPasswordSchema,
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
