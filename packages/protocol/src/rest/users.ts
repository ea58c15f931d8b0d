import { z } from 'zod';
import { PermissionSchema } from './permissions';
import { IsoTimestampSchema } from './query-params';

/** Shorter passwords are refused at registration (length beats composition rules). */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the work a single request can ask the password hash to do. */
export const MAX_PASSWORD_LENGTH = 256;

/** Emails are compared case-insensitively: trimmed and lower-cased on the way in. */
export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const DisplayNameSchema = z.string().trim().min(1).max(100);

/**
 * `POST /v2/users`: registers a user (and signs nobody in). With a join secret (required when
 * the installation's sign-up is by invitation, except for its first account) the user also
 * joins the secret's organization.
 */
export const RegisterUserRequestSchema = z.object({
  email: EmailSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  displayName: DisplayNameSchema,
  joinSecret: z
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

/** `GET /v2/users/me`: the signed-in user and every organization they belong to. */
export const CurrentUserResponseSchema = z.object({
  user: UserSchema,
  organizations: z.array(UserOrganizationSchema),
});
export type CurrentUserResponse = z.infer<typeof CurrentUserResponseSchema>;
