import { z } from 'zod';
import { PERMISSIONS } from './values/permission-names';

export { PERMISSIONS, isWithinPermissions, type Permission } from './values/permission-names';
export const PermissionSchema = z.enum(PERMISSIONS);

/** A set of permissions as clients send it: known names, none repeated. */
export const PermissionListSchema = z
  .array(PermissionSchema)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a permission');

/** `GET /v2/orgs/{org}/permissions`: every permission name. */
export const ListPermissionsResponseSchema = z.array(PermissionSchema);
export type ListPermissionsResponse = z.infer<typeof ListPermissionsResponseSchema>;
