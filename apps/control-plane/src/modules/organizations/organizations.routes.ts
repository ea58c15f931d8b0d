import {
  CreateOrganizationRequestSchema,
  CreateOrganizationResponseSchema,
  GetOrganizationResponseSchema,
  ListOrganizationsResponseSchema,
  PaginationQuerySchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

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
