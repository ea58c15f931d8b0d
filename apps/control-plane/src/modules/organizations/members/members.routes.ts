import {
  ListMembersResponseSchema,
  MemberParamsSchema,
  PaginationQuerySchema,
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
    tag,
    access: 'read',
    query: PaginationQuerySchema,
    response: ListMembersResponseSchema,
  },
  updateMemberRole: {
    method: 'patch',
    path: `${base}/{userId}`,
    summary: "Change a member's role",
    description:
      'Only owners grant or touch the owner role; an organization keeps an owner. The live API keys and join secrets the member created and may not create with the new role are revoked (listed in `revoked`).',
    tag,
    access: 'admin',
    params: MemberParamsSchema,
    body: UpdateMemberRequestSchema,
    response: UpdateMemberResponseSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.memberUpdateRole, targetParam: 'userId' },
  },
  removeMember: {
    method: 'delete',
    path: `${base}/{userId}`,
    summary: 'Remove a member (or leave)',
    description:
      'Any member may remove themselves; removing others needs admin. The last owner cannot leave. Every live API key and join secret the member created in the organization is revoked (listed in the audit entry).',
    tag,
    access: 'read',
    params: MemberParamsSchema,
    status: 204,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.memberRemove, targetParam: 'userId' },
  },
});
