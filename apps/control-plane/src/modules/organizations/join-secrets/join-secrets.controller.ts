import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CREDENTIAL_CREATE_ACCESS,
  type CreateJoinSecretRequest,
  CreateJoinSecretRequestSchema,
  type CreateJoinSecretResponse,
  type JoinOrganizationRequest,
  JoinOrganizationRequestSchema,
  type JoinOrganizationResponse,
  JoinSecretParamsSchema,
  type ListJoinSecretsResponse,
  type PaginationQuery,
  PaginationQuerySchema,
} from '@podium/protocol';
import { AuditAs, Context, RequireAccess } from '../../../common/auth/decorators';
import {
  type RequestContext,
  orgScopeOf,
  signedInUserOf,
} from '../../../common/auth/request-context';
import { ZodValidationPipe } from '../../../common/validation/zod-validation.pipe';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../../audit/audit-actions';
import { JoinSecretsService } from './join-secrets.service';

@Controller('v2/orgs/:org/join-secrets')
export class JoinSecretsController {
  constructor(private readonly joinSecrets: JoinSecretsService) {}

  /** The response is the only time the secret is shown. */
  @Post()
  @RequireAccess(CREDENTIAL_CREATE_ACCESS.joinSecret)
  @AuditAs(AUDIT_ACTIONS.joinSecretCreate, AUDIT_TARGETS.joinSecret)
  createJoinSecret(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(CreateJoinSecretRequestSchema)) body: CreateJoinSecretRequest,
  ): Promise<CreateJoinSecretResponse> {
    return this.joinSecrets.createJoinSecret(orgScopeOf(ctx), body);
  }

  @Get()
  @RequireAccess('admin')
  findJoinSecrets(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(PaginationQuerySchema)) page: PaginationQuery,
  ): Promise<ListJoinSecretsResponse> {
    return this.joinSecrets.findJoinSecrets(orgScopeOf(ctx), page);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.joinSecretRevoke, AUDIT_TARGETS.joinSecret, 'id')
  revokeJoinSecret(
    @Context() ctx: RequestContext,
    @Param(new ZodValidationPipe(JoinSecretParamsSchema)) { id }: { id: string },
  ): Promise<void> {
    return this.joinSecrets.revokeJoinSecret(orgScopeOf(ctx), id);
  }
}

@Controller('v2/join')
export class JoinController {
  constructor(private readonly joinSecrets: JoinSecretsService) {}

  /** The signed-in caller redeems a join secret and becomes a member. */
  @Post()
  @HttpCode(200)
  joinOrganization(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(JoinOrganizationRequestSchema)) body: JoinOrganizationRequest,
  ): Promise<JoinOrganizationResponse> {
    return this.joinSecrets.joinOrganization({ kind: 'user', ...signedInUserOf(ctx) }, body.secret);
  }
}
