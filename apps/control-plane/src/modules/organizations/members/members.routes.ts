import {
  GrantRoleParamsSchema,
  ListMembersResponseSchema,
  MemberParamsSchema,
  WholeListQuerySchema,
  RemovedMemberSchema,
  UpdateMemberRequestSchema,
  UpdateMemberResponseSchema,
} from '@podium/protocol';
import { AUDIT_ACTIONS } from '../../audit/audit-actions';
import { routeTable } from '../../../common/routes/route-spec';

const base = '/v2/orgs/{org}/members';
const tag = 'Members';

/** Members and roles (see MembersController). */
export const MEMBER_ROUTES = routeTable({
  listMembers: {
    method: 'get',
    path: base,
    summary: 'List members with their roles',
    description:
      "A page of members (`items`; all of them up to 500 unless `limit` says fewer), and DBOS Conductor's view of it: `orgName` and `users`, each member's role by their DBOS user name, or by user id for a member without one (either is what the member paths take).",
    tag,
    access: 'read',
    query: WholeListQuerySchema,
    response: ListMembersResponseSchema,
  },
  updateMemberRole: {
    method: 'patch',
    path: `${base}/{userId}`,
    summary: "Give a member a built-in role (Podium's form of the grant below)",
    description:
      'Only owners grant or touch the owner role; an organization keeps an owner. The live API keys and join secrets the member created and may not create with the new role are revoked (listed in `revoked`).',
    tag,
    access: 'admin',
    params: MemberParamsSchema,
    body: UpdateMemberRequestSchema,
    response: UpdateMemberResponseSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.roleGrant, targetParam: 'userId' },
  },
  grantRole: {
    method: 'put',
    path: `${base}/{userId}/roles/{roleName}`,
    summary: "Replace a member's role with a built-in or custom one (DBOS Conductor)",
    description:
      'A member holds exactly one role. The granter must hold every permission of the role (and be an owner to grant or take the owner role); an organization keeps an owner. The live API keys and join secrets the member created and may no longer create are revoked.',
    tag,
    access: 'admin',
    params: GrantRoleParamsSchema,
    status: 204,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.roleGrant, targetParam: 'userId' },
  },
  removeMember: {
    method: 'delete',
    path: `${base}/{userId}`,
    summary: 'Remove a member (or leave)',
    description:
      "Any member may remove themselves; removing others needs admin. The last owner cannot leave. Every live API key and join secret the member created in the organization is revoked (listed in the audit entry). Answers who was removed (DBOS Conductor's `Member`).",
    tag,
    access: 'read',
    params: MemberParamsSchema,
    response: RemovedMemberSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.memberRemove, targetParam: 'userId' },
  },
});
