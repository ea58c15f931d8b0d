import {
  CreateOrganizationRequestSchema,
  CreateOrganizationResponseSchema,
  GetOrganizationResponseSchema,
  ListOrganizationsResponseSchema,
  PaginationQuerySchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const tag = 'Organizations';

/** Organizations (see OrganizationsController). */
export const ORGANIZATION_ROUTES: readonly RouteSpec[] = [
  {
    method: 'post',
    path: '/v2/orgs',
    operationId: 'createOrganization',
    summary: 'Create an organization; the caller becomes its owner',
    tag,
    access: 'user',
    status: 201,
    body: CreateOrganizationRequestSchema,
    response: CreateOrganizationResponseSchema,
    errors: ['CONFLICT'],
  },
  {
    method: 'get',
    path: '/v2/orgs',
    operationId: 'listOrganizations',
    summary: "List the caller's organizations, with their role in each",
    tag,
    access: 'user',
    query: PaginationQuerySchema,
    response: ListOrganizationsResponseSchema,
  },
  {
    method: 'get',
    path: '/v2/orgs/{org}',
    operationId: 'getOrganization',
    summary: 'Get an organization',
    tag,
    access: 'read',
    response: GetOrganizationResponseSchema,
  },
];
