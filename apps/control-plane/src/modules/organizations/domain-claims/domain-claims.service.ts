import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  canCreateJoinSecret,
  DOMAIN_CLAIM_ROLE,
  type DomainClaim,
  type ListDomainClaimsResponse,
} from '@podium/protocol';
import type { OrgScope } from '../../../common/auth/request-context';
import { CONFIG, type Config } from '../../../config/config';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { type DomainClaimRecord, DomainClaimsRepository } from './domain-claims.repository';

const IN_EFFECT_NOTE = 'Self-hosted: a claim is in effect at once.';
const PENDING_NOTE =
  'Not in effect: this deployment does not verify sign-up emails (PODIUM_TRUST_SIGN_UP_EMAILS).';

/**
 * Email domains an organization claims: a new account whose email is at a claimed domain joins
 * that organization at sign-up (SignUpService), as OPERATOR (DOMAIN_CLAIM_ROLE) — only where
 * sign-up emails are verified upstream (`accounts.trustSignUpEmails`). Podium does not verify
 * them itself, so elsewhere claims stay `pending` and admit nobody.
 */
@Injectable()
export class DomainClaimsService {
  private readonly inEffect: boolean;

  constructor(
    private readonly claims: DomainClaimsRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) config: Config,
  ) {
    this.inEffect = config.accounts.trustSignUpEmails;
  }

  async findClaims(scope: OrgScope): Promise<ListDomainClaimsResponse> {
    const records = await this.claims.findForOrganization(scope.organization.id);
    return { claims: records.map((r) => this.mapClaim(r, scope.organization.name)) };
  }

  claim(scope: OrgScope, domain: string): Promise<DomainClaim> {
    const action = auditedAction(scope, AUDIT_ACTIONS.domainClaimCreate, domain);
    return this.audit.track(action, async () => {
      // It admits people as DOMAIN_CLAIM_ROLE: only whoever could invite them so may claim.
      if (!canCreateJoinSecret(scope.role, DOMAIN_CLAIM_ROLE)) {
        throw new AppError(
          'FORBIDDEN',
          `A domain claim admits new accounts as ${DOMAIN_CLAIM_ROLE}, a role you cannot invite people as.`,
        );
      }
      const created = await this.claims.create({
        organizationId: scope.organization.id,
        domain,
        requestedById: scope.principal.kind === 'user' ? scope.principal.userId : null,
      });
      if (created === 'taken') {
        throw new AppError('CONFLICT', `The domain "${domain}" is already claimed.`);
      }
      return this.mapClaim(created, scope.organization.name);
    });
  }

  release(scope: OrgScope, domain: string): Promise<void> {
    const action = auditedAction(scope, AUDIT_ACTIONS.domainClaimDelete, domain);
    return this.audit.track(action, async () => {
      if (!(await this.claims.delete(scope.organization.id, domain))) {
        throw new AppError(
          'NOT_FOUND',
          `"${scope.organization.name}" has no claim on "${domain}".`,
        );
      }
    });
  }

  /**
   * A new account whose email is at a claimed domain joins the claiming organization, audited
   * as its join. Inside the sign-up's transaction; false when no organization claims it, or it
   * is `memberOf`, the organization the account's invitation already made it a member of.
   */
  async admitAtSignUp(userId: string, email: string, memberOf?: string): Promise<boolean> {
    if (!this.inEffect) return false;
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const claim = await this.claims.findOneByDomain(domain);
    if (!claim || claim.organizationId === memberOf) return false;
    await this.claims.addMember(claim.organizationId, userId, DOMAIN_CLAIM_ROLE);
    await this.audit.record({
      organizationId: claim.organizationId,
      principal: { kind: 'user', userId },
      action: AUDIT_ACTIONS.memberJoin.name,
      targetType: AUDIT_ACTIONS.memberJoin.targetType,
      targetId: userId,
      outcome: 'SUCCESS',
      details: { role: DOMAIN_CLAIM_ROLE, domainClaim: domain, atSignUp: true },
    });
    return true;
  }

  private mapClaim(record: DomainClaimRecord, orgName: string): DomainClaim {
    const at = record.createdAt.toISOString();
    return {
      id: record.id,
      orgName,
      domain: record.domain,
      requestedBy: record.requestedById ?? '',
      requestedAt: at,
      ...(this.inEffect
        ? { status: 'approved', decidedAt: at, decisionNote: IN_EFFECT_NOTE }
        : { status: 'pending', decisionNote: PENDING_NOTE }),
    };
  }
}
