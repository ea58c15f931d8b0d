import type { CreateOrganizationRequest, Organization } from '@podium/protocol/rest';
import { getJson, sendJson, type RequestOptions } from '../../lib/api-client';

export const orgPath = (org: string) => `/v2/orgs/${encodeURIComponent(org)}`;

/** `POST /v2/orgs`: the caller becomes its owner. */
export function createOrganization(body: CreateOrganizationRequest): Promise<Organization> {
  return sendJson('POST', '/v2/orgs', body, 'CreateOrganizationResponseSchema');
}

/** `GET /v2/orgs/{org}`, with the caller's role there. */
export function fetchOrganization(org: string, options?: RequestOptions): Promise<Organization> {
  return getJson(orgPath(org), 'GetOrganizationResponseSchema', options);
}
