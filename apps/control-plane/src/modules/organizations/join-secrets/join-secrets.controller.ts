import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  CreateJoinSecretRequest,
  CreateJoinSecretResponse,
  GenerateJoinSecretResponse,
  JoinOrganizationRequest,
  JoinOrganizationResponse,
  PaginationQuery,
  JoinSecret,
  Paginated,
} from '@podium/protocol';
import { Context } from '../../../common/auth/decorators';
import {
  type RequestContext,
  orgScopeOf,
  signedInUserOf,
} from '../../../common/auth/request-context';
import { Route } from '../../../common/routes/route.decorator';
import { JoinSecretsService } from './join-secrets.service';
import { JOIN_SECRET_ROUTES as ROUTES } from './join-secrets.routes';

@Controller()
export class JoinSecretsController {
  constructor(private readonly joinSecrets: JoinSecretsService) {}

  /** The response is the only time the secret is shown. */
  @Route(ROUTES.createJoinSecret)
  createJoinSecret(
    @Context() ctx: RequestContext,
    @Body() body: CreateJoinSecretRequest,
  ): Promise<CreateJoinSecretResponse> {
    return this.joinSecrets.createJoinSecret(orgScopeOf(ctx), body);
  }

  @Route(ROUTES.generateJoinSecret)
  generateJoinSecret(@Context() ctx: RequestContext): Promise<GenerateJoinSecretResponse> {
    return this.joinSecrets.generateJoinSecret(orgScopeOf(ctx));
  }

  @Route(ROUTES.listJoinSecrets)
  findJoinSecrets(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<Paginated<JoinSecret>> {
    return this.joinSecrets.findJoinSecrets(orgScopeOf(ctx), page);
  }

  @Route(ROUTES.revokeJoinSecret)
  revokeJoinSecret(@Context() ctx: RequestContext, @Param() { id }: { id: string }): Promise<void> {
    return this.joinSecrets.revokeJoinSecret(orgScopeOf(ctx), id);
  }

  /** The signed-in caller redeems a join secret and becomes a member. */
  @Route(ROUTES.joinOrganization)
  joinOrganization(
    @Context() ctx: RequestContext,
    @Body() body: JoinOrganizationRequest,
  ): Promise<JoinOrganizationResponse> {
    return this.joinSecrets.joinOrganization({ kind: 'user', ...signedInUserOf(ctx) }, body.secret);
  }

  /** DBOS Conductor's form: the organization is named in the path and must be the secret's. */
  @Route(ROUTES.joinNamedOrganization)
  async joinNamedOrganization(
    @Context() ctx: RequestContext,
    @Param() { orgName }: { orgName: string },
    @Body() body: JoinOrganizationRequest,
  ): Promise<void> {
    const caller = { kind: 'user' as const, ...signedInUserOf(ctx) };
    await this.joinSecrets.joinOrganization(caller, body.secret, orgName);
  }
}
