import {
  CREDENTIAL_CREATE_ACCESS,
  ApiKeyParamsSchema,
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  PaginationQuerySchema,
  UpdateApiKeyRequestSchema,
  UpdateApiKeyResponseSchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const base = '/v2/orgs/{org}/tokens';
const common = { tag: 'API keys', access: 'admin' } as const;

/** API keys, "tokens" as DBOS Conductor calls them (see ApiKeysController). */
export const API_KEY_ROUTES: readonly RouteSpec[] = [
  {
    ...common,
    method: 'post',
    path: base,
    operationId: 'createApiKey',
    summary: 'Create an API key (the secret is shown only in this response)',
    description: 'The key is revoked when its creator leaves or loses the admin level.',
    access: CREDENTIAL_CREATE_ACCESS.apiKey,
    status: 201,
    body: CreateApiKeyRequestSchema,
    response: CreateApiKeyResponseSchema,
  },
  {
    ...common,
    method: 'get',
    path: base,
    operationId: 'listApiKeys',
    summary: 'List API keys, revoked ones included (never their secrets)',
    query: PaginationQuerySchema,
    response: ListApiKeysResponseSchema,
  },
  {
    ...common,
    method: 'patch',
    path: `${base}/{id}`,
    operationId: 'renameApiKey',
    summary: 'Rename an API key',
    params: ApiKeyParamsSchema,
    body: UpdateApiKeyRequestSchema,
    response: UpdateApiKeyResponseSchema,
  },
  {
    ...common,
    method: 'delete',
    path: `${base}/{id}`,
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    description: 'Executor links opened with it close at once (close code 4001).',
    params: ApiKeyParamsSchema,
    status: 204,
  },
];
