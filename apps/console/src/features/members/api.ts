import {
  CreateJoinSecretResponseSchema,
  JoinOrganizationResponseSchema,
  ListJoinSecretsResponseSchema,
  ListMembersResponseSchema,
  MAX_PAGE_LIMIT,
  UpdateMemberResponseSchema,
  type CreateJoinSecretRequest,
  type CreateJoinSecretResponse,
  type ListMembersResponse,
  type Organization,
  type Role,
  type UpdateMemberResponse,
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

export function fetchMembers(org: string, options?: RequestOptions): Promise<ListMembersResponse> {
  return getJson(`${membersPath(org)}?limit=${MAX_PAGE_LIMIT}`, ListMembersResponseSchema, options);
}

/** The answer lists the keys and join secrets of theirs the new role revoked. */
export function updateMemberRole(
  org: string,
  userId: string,
  role: Role,
): Promise<UpdateMemberResponse> {
  return sendJson(
    'PATCH',
    `${membersPath(org)}/${encodeURIComponent(userId)}`,
    { role },
    UpdateMemberResponseSchema,
  );
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
    ListJoinSecretsResponseSchema,
    options,
  );
}

/** The only answer that ever carries the secret. */
export function createJoinSecret(
  org: string,
  body: CreateJoinSecretRequest,
): Promise<CreateJoinSecretResponse> {
  return sendJson('POST', secretsPath(org), body, CreateJoinSecretResponseSchema);
}

export function revokeJoinSecret(org: string, id: string): Promise<void> {
  return sendWithoutContent('DELETE', `${secretsPath(org)}/${encodeURIComponent(id)}`);
}

/** `POST /v2/join`: the signed-in user joins the secret's organization. */
export function joinOrganization(secret: string): Promise<Organization> {
  return sendJson('POST', '/v2/join', { secret }, JoinOrganizationResponseSchema);
}
