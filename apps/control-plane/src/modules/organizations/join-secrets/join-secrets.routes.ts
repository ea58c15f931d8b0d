import {
  CreateJoinSecretRequestSchema,
  CreateJoinSecretResponseSchema,
  GenerateJoinSecretResponseSchema,
  JoinNamedOrganizationParamsSchema,
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
    access: 'admin',
    status: 201,
    body: CreateJoinSecretRequestSchema,
    response: CreateJoinSecretResponseSchema,
    errors: ['QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.joinSecretCreate },
  },
  generateJoinSecret: {
    ...common,
    method: 'post',
    path: '/v2/orgs/{org}/secrets',
    summary: 'Generate a join secret (DBOS Conductor)',
    description:
      'A single-use secret, valid for 7 days, joining as OPERATOR; `POST .../join-secrets` chooses the role, uses and expiry.',
    access: 'admin',
    status: 201,
    response: GenerateJoinSecretResponseSchema,
    errors: ['QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.joinSecretCreate },
  },
  listJoinSecrets: {
    ...common,
    method: 'get',
    path: base,
    summary: 'List join secrets (never the secrets themselves)',
    query: PaginationQuerySchema,
    response: ListJoinSecretsResponseSchema,
    paged: true,
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
  joinNamedOrganization: {
    method: 'post',
    // `{orgName}`, not `{org}`: the caller is not a member, so no organization access applies.
    path: '/v2/orgs/{orgName}/join',
    summary: 'Join this organization with a join secret (DBOS Conductor)',
    description:
      "The caller becomes a member with the secret's role; a secret of another organization is a 404.",
    tag: 'Join secrets',
    access: 'user',
    params: JoinNamedOrganizationParamsSchema,
    body: JoinOrganizationRequestSchema,
    status: 204,
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
});
