import { z } from 'zod';
import { MemberRefSchema } from './member-ref';
import { PermissionListSchema, PermissionSchema } from './permissions';
import { ROLES } from './values/built-in-roles';

// The built-in roles are zod-free values (the console's browser code uses them).
export * from './values/built-in-roles';
export const RoleSchema = z.enum(ROLES);

/** DBOS's role names: 3 to 30 letters, digits or underscores. */
export const RoleNameSchema = z
  .string()
  .min(3)
  .max(30)
  .regex(/^[a-zA-Z0-9_]+$/, 'must be letters, digits or underscores');

/** A role: built in (`isGlobal`, the same in every organization) or the organization's own. */
export const RoleOutputSchema = z.object({
  name: z.string(),
  permissions: z.array(PermissionSchema),
  isGlobal: z.boolean(),
});
export type RoleOutput = z.infer<typeof RoleOutputSchema>;

/** `GET /v2/orgs/{org}/roles`: the built-in roles, then the organization's own. */
export const ListRolesResponseSchema = z.array(RoleOutputSchema);
export type ListRolesResponse = z.infer<typeof ListRolesResponseSchema>;

/** `POST /v2/orgs/{org}/roles`. */
export const CreateRoleRequestSchema = z.object({
  name: RoleNameSchema,
  permissions: PermissionListSchema.nullish()
    .transform((list) => list ?? [])
    .describe('Absent or null: none.'),
});
export type CreateRoleRequest = z.infer<typeof CreateRoleRequestSchema>;

export const CreateRoleResponseSchema = z.object({
  name: z.string(),
  permissions: z.array(PermissionSchema),
});
export type CreateRoleResponse = z.infer<typeof CreateRoleResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/roles/{roleName}`. */
export const RoleParamsSchema = z.object({ roleName: RoleNameSchema });

/** Path parameters of `PUT /v2/orgs/{org}/members/{userId}/roles/{roleName}`. */
export const GrantRoleParamsSchema = z.object({
  userId: MemberRefSchema,
  roleName: RoleNameSchema,
});
