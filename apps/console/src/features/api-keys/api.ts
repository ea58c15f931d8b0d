import {
  MAX_PAGE_LIMIT,
  type ApiKey,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  type ListPage,
} from '@podium/protocol/rest';
import { getPage, sendJson, sendWithoutContent, type RequestOptions } from '../../lib/api-client';
import { orgPath } from '../organizations/api';

const keysPath = (org: string) => `${orgPath(org)}/tokens`;
const keyPath = (org: string, id: string) => `${keysPath(org)}/${encodeURIComponent(id)}`;

/** `GET /v2/orgs/{org}/tokens`: revoked keys included, never secrets. */
export function fetchApiKeys(org: string, options?: RequestOptions): Promise<ListPage<ApiKey>> {
  return getPage(`${keysPath(org)}?limit=${MAX_PAGE_LIMIT}`, 'ListApiKeysResponseSchema', options);
}

/** The only answer that ever carries the secret. */
export function createApiKey(
  org: string,
  body: CreateApiKeyRequest,
): Promise<CreateApiKeyResponse> {
  return sendJson('POST', keysPath(org), body, 'CreateApiKeyResponseSchema');
}

export function renameApiKey(org: string, id: string, name: string): Promise<ApiKey> {
  return sendJson('PATCH', keyPath(org, id), { newName: name }, 'UpdateApiKeyResponseSchema');
}

/** Executor links opened with it close at once. */
export function revokeApiKey(org: string, id: string): Promise<void> {
  return sendWithoutContent('DELETE', keyPath(org, id));
}
