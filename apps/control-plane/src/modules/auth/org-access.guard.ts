import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AppError, isOwnerRole, type Permission, type RoleOutput } from '@podium/protocol';
import { applicationScopeOf, type Principal } from '../../common/auth/principal';
import { requestContext } from '../../common/auth/request-context';
import { API_KEYS_REFUSED_HERE, knownPermissions } from '../../common/auth/route-permission';
import type { HttpRequest } from '../../common/http/http';
import type { RouteAudit } from '../../common/routes/route-spec';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { scopeIncludes } from '../api-keys/application-scope';
import { AuditService } from '../audit/audit.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RoutePolicies } from './route-policy';
import { TenantDirectory } from './tenant-directory';

/** A call the guard may refuse: who, where, and what its route needs and audits. */
interface RefusableCall {
  readonly organizationId: string;
  readonly principal: Principal;
  readonly required: Permission;
  readonly audited: RouteAudit | undefined;
  readonly params: Record<string, string | undefined>;
}

/**
 * Global guard, after authentication: resolves `:org` and `:app` and checks that the caller
 * holds the route's DBOS permission there (members through their role, keys their own).
 * Tenancy rule: an organization or application the caller does not belong to is NOT_FOUND
 * (never FORBIDDEN), so ids cannot be probed. A caller refused for lacking the permission (or
 * an API key on a route for users only) is audited when the route's spec names an audit action.
 */
@Injectable()
export class OrgAccessGuard implements CanActivate {
  constructor(
    private readonly policies: RoutePolicies,
    private readonly organizations: OrganizationsService,
    private readonly directory: TenantDirectory,
    private readonly audit: AuditService,
    private readonly metrics: PodiumMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, required, keysAccepted, ownerOnly, audited, appMayBeNew } =
      this.policies.of(context);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const params = req.params as Record<string, string | undefined>;
    const orgName = params.org;
    if (orgName === undefined) return true;
    if (!required)
      throw new AppError('INTERNAL', 'This route does not declare the access it requires.');

    const ctx = requestContext(req);
    const organization = await this.directory.findOneOrganizationByName(orgName);
    const membership =
      organization && ctx.principal ? await this.accessIn(organization.id, ctx.principal) : null;
    if (!organization || !ctx.principal || !membership) {
      throw new AppError('NOT_FOUND', `No organization named "${orgName}".`);
    }
    const call: RefusableCall = {
      organizationId: organization.id,
      principal: ctx.principal,
      required,
      audited,
      params,
    };
    if (ctx.principal.kind === 'api-key' && !keysAccepted) {
      // As in DBOS Conductor: who is in the organization, its roles and settings are for users.
      throw await this.refusal(call, API_KEYS_REFUSED_HERE);
    }
    const lacksOwnership = ownerOnly && !isOwnerRole(membership.role);
    if (!membership.permissions.includes(required) || lacksOwnership) {
      throw await this.refusal(
        call,
        lacksOwnership
          ? `This needs the OWNER role in "${orgName}".`
          : `This needs the "${required}" permission in "${orgName}".`,
      );
    }
    ctx.organization = organization;
    ctx.permissions = membership.permissions;
    if (membership.role) ctx.role = membership.role;

    const appName = params.app;
    if (appName !== undefined) {
      const application = await this.directory.findOneApplicationByName(organization.id, appName);
      const scopes = applicationScopeOf(ctx.principal);
      // A key scoped to some applications cannot reach one it was not given, nor a new one.
      const newAllowed = appMayBeNew && !application && scopes.length === 0;
      if (newAllowed) {
        ctx.newApplicationName = appName;
        return true;
      }
      if (!application || !scopeIncludes(scopes, application.id)) {
        throw new AppError('NOT_FOUND', `No application named "${appName}" in "${orgName}".`);
      }
      ctx.application = application;
    }
    return true;
  }

  /**
   * A FORBIDDEN refusal, counted, and recorded as a FAILURE when the route's spec names an audit
   * action: "who tried to change X" has an answer whichever check refused them.
   */
  private async refusal(call: RefusableCall, detail: string): Promise<AppError> {
    const { organizationId, principal, required, audited, params } = call;
    this.metrics.recordRefusal('forbidden');
    const refusal = new AppError('FORBIDDEN', detail);
    if (audited) {
      await this.audit.record({
        organizationId,
        principal,
        action: audited.action.name,
        targetType: audited.action.targetType,
        targetId: (audited.targetParam && params[audited.targetParam]) || null,
        outcome: 'FAILURE',
        details: { errorCode: refusal.code, error: refusal.detail, required },
      });
    }
    return refusal;
  }

  private async accessIn(
    organizationId: string,
    principal: Principal,
  ): Promise<{ permissions: readonly Permission[]; role: RoleOutput | null } | null> {
    if (principal.kind === 'api-key') {
      return principal.apiKey.organizationId === organizationId
        ? { permissions: knownPermissions(principal.apiKey.permissions), role: null }
        : null;
    }
    // Read on every request (never cached): a role granted or a member removed on any replica
    // holds from the next request on.
    const role = await this.organizations.findOneRole(organizationId, principal.userId);
    return role ? { permissions: role.permissions, role } : null;
  }
}
