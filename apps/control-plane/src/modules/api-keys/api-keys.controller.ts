import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  ApiKey,
  CreateApiKeyRequest,
  CreateApiKeyResponse,
  CreateNamedApiKeyRequest,
  PaginationQuery,
  UpdateApiKeyRequest,
  Paginated,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { ApiKeysService } from './api-keys.service';
import { API_KEY_ROUTES as ROUTES } from './api-keys.routes';

/** API keys ("tokens", as DBOS Conductor calls them): `token.read` / `token.write`. */
@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The response is the only time the secret is shown. */
  @Route(ROUTES.createApiKey)
  createApiKey(
    @Context() ctx: RequestContext,
    @Body() body: CreateApiKeyRequest,
  ): Promise<CreateApiKeyResponse> {
    return this.apiKeys.createApiKeyFor(orgScopeOf(ctx), body);
  }

  @Route(ROUTES.createNamedApiKey)
  createNamedApiKey(
    @Context() ctx: RequestContext,
    @Param() { tokenName }: { tokenName: string },
    @Body() body: CreateNamedApiKeyRequest,
  ): Promise<CreateApiKeyResponse> {
    return this.apiKeys.createNamedApiKeyFor(orgScopeOf(ctx), tokenName, body);
  }

  @Route(ROUTES.listApiKeys)
  findApiKeys(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<Paginated<ApiKey>> {
    return this.apiKeys.findApiKeys(orgScopeOf(ctx), page);
  }

  @Route(ROUTES.renameApiKey)
  renameApiKey(
    @Context() ctx: RequestContext,
    @Param() { tokenName }: { tokenName: string },
    @Body() body: UpdateApiKeyRequest,
  ): Promise<ApiKey> {
    return this.apiKeys.renameApiKey(orgScopeOf(ctx), tokenName, body.newName);
  }

  /** Revokes the key; executor links that used it close within a second. */
  @Route(ROUTES.revokeApiKey)
  revokeApiKey(
    @Context() ctx: RequestContext,
    @Param() { tokenName }: { tokenName: string },
  ): Promise<void> {
    return this.apiKeys.revokeApiKeyFor(orgScopeOf(ctx), tokenName);
  }
}
