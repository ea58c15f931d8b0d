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
import { AUDIT_ACTIONS } from '../audit/audit-actions';
import { routeTable } from '../../common/routes/route-spec';

const base = '/v2/orgs/{org}/tokens';
const common = { tag: 'API keys', access: 'admin' } as const;

/** API keys, "tokens" as DBOS Conductor calls them (see ApiKeysController). */
export const API_KEY_ROUTES = routeTable({
  createApiKey: {
    ...common,
    method: 'post',
    path: base,
    summary: 'Create an API key (the secret is shown only in this response)',
    description: 'The key is revoked when its creator leaves or loses the admin level.',
    access: CREDENTIAL_CREATE_ACCESS.apiKey,
    status: 201,
    body: CreateApiKeyRequestSchema,
    response: CreateApiKeyResponseSchema,
    audit: { action: AUDIT_ACTIONS.apiKeyCreate },
  },
  listApiKeys: {
    ...common,
    method: 'get',
    path: base,
    summary: 'List API keys, revoked ones included (never their secrets)',
    query: PaginationQuerySchema,
    response: ListApiKeysResponseSchema,
    paged: true,
  },
  renameApiKey: {
    ...common,
    method: 'patch',
    path: `${base}/{id}`,
    summary: 'Rename an API key',
    params: ApiKeyParamsSchema,
    body: UpdateApiKeyRequestSchema,
    response: UpdateApiKeyResponseSchema,
    audit: { action: AUDIT_ACTIONS.apiKeyRename, targetParam: 'id' },
  },
  revokeApiKey: {
    ...common,
    method: 'delete',
    path: `${base}/{id}`,
    summary: 'Revoke an API key',
    description: 'Executor links opened with it close at once (close code 4001).',
    params: ApiKeyParamsSchema,
    status: 204,
    audit: { action: AUDIT_ACTIONS.apiKeyRevoke, targetParam: 'id' },
  },
});
