import {
  CREDENTIAL_CREATE_ACCESS,
  CreateJoinSecretRequestSchema,
  CreateJoinSecretResponseSchema,
  JoinOrganizationRequestSchema,
  JoinOrganizationResponseSchema,
  JoinSecretParamsSchema,
  ListJoinSecretsResponseSchema,
  PaginationQuerySchema,
} from '@podium/protocol';
import { AUDIT_ACTIONS } from '../../audit/audit-actions';
import { routeTable } from '../../../common/routes/route-spec';

const base = '/v2/orgs/{org}/join-secrets';
const common = { tag: 'Join secrets', access: 'admin' } as const;

/** Invitations and redeeming them (see JoinSecretsController and JoinController). */
export const JOIN_SECRET_ROUTES = routeTable({
  createJoinSecret: {
    ...common,
    method: 'post',
    path: base,
    summary: 'Create a join secret (shown only in this response)',
    description: 'The secret is revoked when its creator leaves or may no longer grant its role.',
    access: CREDENTIAL_CREATE_ACCESS.joinSecret,
    status: 201,
    body: CreateJoinSecretRequestSchema,
    response: CreateJoinSecretResponseSchema,
    audit: { action: AUDIT_ACTIONS.joinSecretCreate },
  },
  listJoinSecrets: {
    ...common,
    method: 'get',
    path: base,
    summary: 'List join secrets (never the secrets themselves)',
    query: PaginationQuerySchema,
    response: ListJoinSecretsResponseSchema,
  },
  revokeJoinSecret: {
    ...common,
    method: 'delete',
    path: `${base}/{id}`,
    summary: 'Revoke a join secret',
    params: JoinSecretParamsSchema,
    status: 204,
    audit: { action: AUDIT_ACTIONS.joinSecretRevoke, targetParam: 'id' },
  },
  joinOrganization: {
    method: 'post',
    path: '/v2/join',
    summary: 'Join an organization with a join secret',
    description: "The caller becomes a member with the secret's role.",
    tag: 'Join secrets',
    access: 'user',
    body: JoinOrganizationRequestSchema,
    response: JoinOrganizationResponseSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
});
