import { Body, Controller, Param } from '@nestjs/common';
import type {
  CreateDomainClaimRequest,
  DomainClaim,
  ListDomainClaimsResponse,
} from '@podium/protocol';
import { Context } from '../../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../../common/auth/request-context';
import { Route } from '../../../common/routes/route.decorator';
import { DomainClaimsService } from './domain-claims.service';
import { DOMAIN_CLAIM_ROUTES as ROUTES } from './domain-claims.routes';

@Controller()
export class DomainClaimsController {
  constructor(private readonly claims: DomainClaimsService) {}

  @Route(ROUTES.listDomainClaims)
  list(@Context() ctx: RequestContext): Promise<ListDomainClaimsResponse> {
    return this.claims.findClaims(orgScopeOf(ctx));
  }

  @Route(ROUTES.createDomainClaim)
  claim(
    @Context() ctx: RequestContext,
    @Body() { domain }: CreateDomainClaimRequest,
  ): Promise<DomainClaim> {
    return this.claims.claim(orgScopeOf(ctx), domain);
  }

  @Route(ROUTES.deleteDomainClaim)
  release(@Context() ctx: RequestContext, @Param() { domain }: { domain: string }): Promise<void> {
    return this.claims.release(orgScopeOf(ctx), domain);
  }
}
