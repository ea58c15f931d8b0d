import {
  CreateRoleRequestSchema,
  CreateRoleResponseSchema,
  ListPermissionsResponseSchema,
  ListRolesResponseSchema,
  RoleParamsSchema,
} from '@podium/protocol';
import { AUDIT_ACTIONS } from '../../audit/audit-actions';
import { routeTable } from '../../../common/routes/route-spec';

const roles = '/v2/orgs/{org}/roles';
const tag = 'Roles';

/** DBOS Conductor's permissions and roles (see RolesController); grants are members' routes. */
export const ROLE_ROUTES = routeTable({
  listPermissions: {
    method: 'get',
    path: '/v2/orgs/{org}/permissions',
    summary: 'List the permission names roles and API keys are made of',
    tag,
    access: 'read',
    keys: true,
    response: ListPermissionsResponseSchema,
  },
  listRoles: {
    method: 'get',
    path: roles,
    summary: "List the roles: the built-in ones (`isGlobal`), then the organization's own",
    tag,
    access: 'read',
    response: ListRolesResponseSchema,
  },
  createRole: {
    method: 'post',
    path: roles,
    summary: 'Create a custom role from a set of permissions',
    description:
      "Names are unique in the organization and never a built-in role's (in any case). A custom role is never changed: create another and grant it.",
    tag,
    access: 'admin',
    status: 201,
    body: CreateRoleRequestSchema,
    response: CreateRoleResponseSchema,
    errors: ['CONFLICT', 'QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.roleCreate },
  },
  deleteRole: {
    method: 'delete',
    path: `${roles}/{roleName}`,
    summary: 'Delete a custom role nobody holds',
    description: 'Built-in roles, and roles a member holds, are refused with 409.',
    tag,
    access: 'admin',
    params: RoleParamsSchema,
    status: 204,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.roleDelete, targetParam: 'roleName' },
  },
});
