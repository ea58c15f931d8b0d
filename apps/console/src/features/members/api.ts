import {
  MAX_PAGE_LIMIT,
  type CreateJoinSecretRequest,
  type CreateJoinSecretResponse,
  type CreateRoleRequest,
  type CreateRoleResponse,
  type DomainClaim,
  type ListDomainClaimsResponse,
  type ListMembersResponse,
  type ListRolesResponse,
  type Organization,
  type JoinSecret,
  type ListPage,
} from '@podium/protocol/rest';
import {
  getPage,
  getJson,
  sendJson,
  sendWithoutContent,
  type RequestOptions,
} from '../../lib/api-client';
import { orgPath } from '../organizations/api';

const membersPath = (org: string) => `${orgPath(org)}/members`;
const secretsPath = (org: string) => `${orgPath(org)}/join-secrets`;
const rolesPath = (org: string) => `${orgPath(org)}/roles`;
const claimsPath = (org: string) => `${orgPath(org)}/domain-claims`;

export function fetchMembers(org: string, options?: RequestOptions): Promise<ListMembersResponse> {
  return getJson(
    `${membersPath(org)}?limit=${MAX_PAGE_LIMIT}`,
    'ListMembersResponseSchema',
    options,
  );
}

/** Replaces the member's role (built in or custom, by name). */
export function grantRole(org: string, userId: string, roleName: string): Promise<void> {
  const path = `${membersPath(org)}/${encodeURIComponent(userId)}/roles/${encodeURIComponent(roleName)}`;
  return sendWithoutContent('PUT', path);
}

/** The built-in roles, then the organization's own. */
export function fetchRoles(org: string, options?: RequestOptions): Promise<ListRolesResponse> {
  return getJson(rolesPath(org), 'ListRolesResponseSchema', options);
}

export function createRole(org: string, body: CreateRoleRequest): Promise<CreateRoleResponse> {
  return sendJson('POST', rolesPath(org), body, 'CreateRoleResponseSchema');
}

export function deleteRole(org: string, name: string): Promise<void> {
  return sendWithoutContent('DELETE', `${rolesPath(org)}/${encodeURIComponent(name)}`);
}

/** Removes a member; a user removing themselves leaves the organization. */
export function removeMember(org: string, userId: string): Promise<void> {
  return sendWithoutContent('DELETE', `${membersPath(org)}/${encodeURIComponent(userId)}`);
}

export function fetchJoinSecrets(
  org: string,
  options?: RequestOptions,
): Promise<ListPage<JoinSecret>> {
  return getPage(
    `${secretsPath(org)}?limit=${MAX_PAGE_LIMIT}`,
    'ListJoinSecretsResponseSchema',
    options,
  );
}

/** The only answer that ever carries the secret. */
export function createJoinSecret(
  org: string,
  body: CreateJoinSecretRequest,
): Promise<CreateJoinSecretResponse> {
  return sendJson('POST', secretsPath(org), body, 'CreateJoinSecretResponseSchema');
}

export function revokeJoinSecret(org: string, id: string): Promise<void> {
  return sendWithoutContent('DELETE', `${secretsPath(org)}/${encodeURIComponent(id)}`);
}

export function fetchDomainClaims(
  org: string,
  options?: RequestOptions,
): Promise<ListDomainClaimsResponse> {
  return getJson(claimsPath(org), 'ListDomainClaimsResponseSchema', options);
}

/** New sign-ups with an email at `domain` join the organization; another's domain is a 409. */
export function claimDomain(org: string, domain: string): Promise<DomainClaim> {
  return sendJson('POST', claimsPath(org), { domain }, 'DomainClaimSchema');
}

export function releaseDomainClaim(org: string, domain: string): Promise<void> {
  return sendWithoutContent('DELETE', `${claimsPath(org)}/${encodeURIComponent(domain)}`);
}

/** `POST /v2/join`: the signed-in user joins the secret's organization. */
export function joinOrganization(secret: string): Promise<Organization> {
  return sendJson('POST', '/v2/join', { secret }, 'JoinOrganizationResponseSchema');
}
