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
import type { RouteSpec } from '../../openapi/route-spec';

const base = '/v2/orgs/{org}/join-secrets';
const common = { tag: 'Join secrets', access: 'admin' } as const;

/** Invitations and redeeming them (see JoinSecretsController and JoinController). */
export const JOIN_SECRET_ROUTES: readonly RouteSpec[] = [
  {
    ...common,
    method: 'post',
    path: base,
    operationId: 'createJoinSecret',
    summary: 'Create a join secret (shown only in this response)',
    description: 'The secret is revoked when its creator leaves or may no longer grant its role.',
    access: CREDENTIAL_CREATE_ACCESS.joinSecret,
    status: 201,
    body: CreateJoinSecretRequestSchema,
    response: CreateJoinSecretResponseSchema,
  },
  {
    ...common,
    method: 'get',
    path: base,
    operationId: 'listJoinSecrets',
    summary: 'List join secrets (never the secrets themselves)',
    query: PaginationQuerySchema,
    response: ListJoinSecretsResponseSchema,
  },
  {
    ...common,
    method: 'delete',
    path: `${base}/{id}`,
    operationId: 'revokeJoinSecret',
    summary: 'Revoke a join secret',
    params: JoinSecretParamsSchema,
    status: 204,
  },
  {
    method: 'post',
    path: '/v2/join',
    operationId: 'joinOrganization',
    summary: 'Join an organization with a join secret',
    description: "The caller becomes a member with the secret's role.",
    tag: 'Join secrets',
    access: 'user',
    body: JoinOrganizationRequestSchema,
    response: JoinOrganizationResponseSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
];
