import {
  CreateOrganizationRequestSchema,
  CreateOrganizationResponseSchema,
  GetOrganizationResponseSchema,
  ListOrganizationsResponseSchema,
  PaginationQuerySchema,
  UpdateOrganizationRequestSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { AUDIT_ACTIONS } from '../audit/audit-actions';

const tag = 'Organizations';

/** Organizations (see OrganizationsController). */
export const ORGANIZATION_ROUTES = routeTable({
  createOrganization: {
    method: 'post',
    path: '/v2/orgs',
    summary: 'Create an organization; the caller becomes its owner',
    tag,
    access: 'user',
    status: 201,
    body: CreateOrganizationRequestSchema,
    response: CreateOrganizationResponseSchema,
    errors: ['CONFLICT'],
  },
  listOrganizations: {
    method: 'get',
    path: '/v2/orgs',
    summary: "List the caller's organizations, with their role in each",
    tag,
    access: 'user',
    query: PaginationQuerySchema,
    response: ListOrganizationsResponseSchema,
    paged: true,
  },
  updateOrganization: {
    method: 'patch',
    path: '/v2/orgs/{org}',
    summary: "Rename an organization or change its audit log's retention",
    description:
      "DBOS Conductor's body: `newName` (the old name stops resolving at once) and `auditLogRetentionDays` (7 to 3650; older entries are deleted within the hour).",
    tag,
    access: 'owner',
    body: UpdateOrganizationRequestSchema,
    status: 204,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.organizationUpdate },
  },
  getOrganization: {
    method: 'get',
    path: '/v2/orgs/{org}',
    summary: 'Get an organization',
    tag,
    access: 'read',
    response: GetOrganizationResponseSchema,
  },
});
