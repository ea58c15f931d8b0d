import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CREDENTIAL_CREATE_ACCESS,
  type ApiKey,
  ApiKeyParamsSchema,
  type CreateApiKeyRequest,
  CreateApiKeyRequestSchema,
  type CreateApiKeyResponse,
  type ListApiKeysResponse,
  type PaginationQuery,
  PaginationQuerySchema,
  type UpdateApiKeyRequest,
  UpdateApiKeyRequestSchema,
} from '@podium/protocol';
import { AuditAs, Context, RequireAccess } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../audit/audit-actions';
import { ApiKeysService } from './api-keys.service';

const keyParams = new ZodValidationPipe(ApiKeyParamsSchema);

/** API keys ("tokens", as DBOS Conductor calls them). Admins only. */
@Controller('v2/orgs/:org/tokens')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The response is the only time the secret is shown. */
  @Post()
  @RequireAccess(CREDENTIAL_CREATE_ACCESS.apiKey)
  @AuditAs(AUDIT_ACTIONS.apiKeyCreate, AUDIT_TARGETS.apiKey)
  createApiKey(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(CreateApiKeyRequestSchema)) body: CreateApiKeyRequest,
  ): Promise<CreateApiKeyResponse> {
    return this.apiKeys.createApiKeyFor(orgScopeOf(ctx), body);
  }

  @Get()
  @RequireAccess('admin')
  findApiKeys(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(PaginationQuerySchema)) page: PaginationQuery,
  ): Promise<ListApiKeysResponse> {
    return this.apiKeys.findApiKeys(orgScopeOf(ctx), page);
  }

  @Patch(':id')
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.apiKeyRename, AUDIT_TARGETS.apiKey, 'id')
  renameApiKey(
    @Context() ctx: RequestContext,
    @Param(keyParams) { id }: { id: string },
    @Body(new ZodValidationPipe(UpdateApiKeyRequestSchema)) body: UpdateApiKeyRequest,
  ): Promise<ApiKey> {
    return this.apiKeys.renameApiKey(orgScopeOf(ctx), id, body.name);
  }

  /** Revokes the key; executor links that used it close within a second. */
  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.apiKeyRevoke, AUDIT_TARGETS.apiKey, 'id')
  revokeApiKey(
    @Context() ctx: RequestContext,
    @Param(keyParams) { id }: { id: string },
  ): Promise<void> {
    return this.apiKeys.revokeApiKeyFor(orgScopeOf(ctx), id);
  }
}
