import {
  ApiKeyParamsSchema,
  CreateApiKeyRequestSchema,
  CreateNamedApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  WholeListQuerySchema,
  UpdateApiKeyRequestSchema,
  UpdateApiKeyResponseSchema,
} from '@podium/protocol';
import { AUDIT_ACTIONS } from '../audit/audit-actions';
import { routeTable } from '../../common/routes/route-spec';

const base = '/v2/orgs/{org}/tokens';
const common = { tag: 'API keys', access: 'admin' } as const;
const SCOPED_CALLER_SEES =
  'An API key limited to some applications sees, renames and revokes only keys limited to applications within its own scope; any other key is not found.';
const REVOKED_WITH_CREATOR =
  'The key is revoked when its creator leaves or no longer holds `token.write` and every permission it carries.';

/** API keys, "tokens" as DBOS Conductor calls them (see ApiKeysController). */
export const API_KEY_ROUTES = routeTable({
  createApiKey: {
    ...common,
    method: 'post',
    path: base,
    summary: 'Create an API key (the secret, `token`, is shown only in this response)',
    description: `Names are unique among the organization's live keys. ${REVOKED_WITH_CREATOR}`,
    status: 201,
    body: CreateApiKeyRequestSchema,
    response: CreateApiKeyResponseSchema,
    errors: ['CONFLICT', 'QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.tokenCreate },
  },
  createNamedApiKey: {
    ...common,
    keys: true,
    method: 'post',
    path: `${base}/{tokenName}`,
    summary: 'Create an API key by name (DBOS Conductor); the secret is shown only here',
    description: `Absent \`permissions\`: all eight; absent \`appNames\`: every application. A creator gives only permissions they hold; an API key creating one, only applications within its own scope, and its own expiry. ${REVOKED_WITH_CREATOR}`,
    status: 201,
    params: ApiKeyParamsSchema,
    body: CreateNamedApiKeyRequestSchema,
    response: CreateApiKeyResponseSchema,
    errors: ['CONFLICT', 'QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.tokenCreate },
  },
  listApiKeys: {
    ...common,
    keys: true,
    // `token.read` (DBOS): listing never shows a secret.
    access: 'read',
    method: 'get',
    path: base,
    summary: 'List API keys, revoked ones included (never their secrets)',
    description: SCOPED_CALLER_SEES,
    query: WholeListQuerySchema,
    response: ListApiKeysResponseSchema,
    paged: true,
  },
  renameApiKey: {
    ...common,
    keys: true,
    method: 'patch',
    path: `${base}/{tokenName}`,
    summary: 'Rename an API key (by name or id); the secret stays the same',
    description: SCOPED_CALLER_SEES,
    params: ApiKeyParamsSchema,
    body: UpdateApiKeyRequestSchema,
    response: UpdateApiKeyResponseSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.tokenRename, targetParam: 'tokenName' },
  },
  revokeApiKey: {
    ...common,
    keys: true,
    method: 'delete',
    path: `${base}/{tokenName}`,
    summary: 'Revoke an API key (by name or id)',
    description: `Executor links opened with it close at once (close code 4001). ${SCOPED_CALLER_SEES}`,
    params: ApiKeyParamsSchema,
    status: 204,
    audit: { action: AUDIT_ACTIONS.tokenRevoke, targetParam: 'tokenName' },
  },
});
