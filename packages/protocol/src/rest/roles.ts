import { z } from 'zod';
import {
  PERMISSIONS,
  PermissionListSchema,
  PermissionSchema,
  type Permission,
} from './permissions';

/** The built-in roles, most powerful first. */
export const ROLES = ['OWNER', 'ADMIN', 'OPERATOR', 'VIEWER'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * The built-in (global) roles and their permissions. Owners and admins hold all eight (DBOS's
 * "Organization Admin"); owners also own the organization (only they touch the owner role and
 * change its settings, and it always keeps one). Operators read and act on applications;
 * viewers only read.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  ADMIN: PERMISSIONS,
  OPERATOR: ['organization.read', 'application.read', 'application.write', 'metric.read'],
  VIEWER: ['organization.read', 'application.read', 'metric.read'],
};

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

/** The built-in role named `role`. */
export function builtInRole(role: Role): RoleOutput {
  return { name: role, permissions: [...ROLE_PERMISSIONS[role]], isGlobal: true };
}

export const BUILT_IN_ROLES: readonly RoleOutput[] = ROLES.map(builtInRole);

/** Whether `name` is a built-in role's (custom roles may not take them, in any case). */
export function isBuiltInRoleName(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

/** Whether the role is the built-in owner role (Podium's extra on top of permissions). */
export function isOwnerRole(role: RoleOutput | null | undefined): boolean {
  return !!role && role.isGlobal && role.name === 'OWNER';
}

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
export const GrantRoleParamsSchema = z.object({ userId: z.uuid(), roleName: RoleNameSchema });
