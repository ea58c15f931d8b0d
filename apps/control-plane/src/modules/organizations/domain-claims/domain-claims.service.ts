import { Injectable } from '@nestjs/common';
import {
  AppError,
  DOMAIN_CLAIM_ROLE,
  type DomainClaim,
  type ListDomainClaimsResponse,
} from '@podium/protocol';
import type { OrgScope } from '../../../common/auth/request-context';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { type DomainClaimRecord, DomainClaimsRepository } from './domain-claims.repository';

const SELF_HOSTED_NOTE = 'Self-hosted: a claim is in effect at once.';

/**
 * Email domains an organization claims: a new account whose email is at a claimed domain joins
 * that organization at sign-up (SignUpService), as OPERATOR (DOMAIN_CLAIM_ROLE).
 */
@Injectable()
export class DomainClaimsService {
  constructor(
    private readonly claims: DomainClaimsRepository,
    private readonly audit: AuditService,
  ) {}

  async findClaims(scope: OrgScope): Promise<ListDomainClaimsResponse> {
    const records = await this.claims.findForOrganization(scope.organization.id);
    return { claims: records.map((r) => mapClaim(r, scope.organization.name)) };
  }

  claim(scope: OrgScope, domain: string): Promise<DomainClaim> {
    const action = auditedAction(scope, AUDIT_ACTIONS.domainClaimCreate, domain);
    return this.audit.track(action, async () => {
      const created = await this.claims.create({
        organizationId: scope.organization.id,
        domain,
        requestedById: scope.principal.kind === 'user' ? scope.principal.userId : null,
      });
      if (created === 'taken') {
        throw new AppError('CONFLICT', `The domain "${domain}" is already claimed.`);
      }
      return mapClaim(created, scope.organization.name);
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
}

function mapClaim(record: DomainClaimRecord, orgName: string): DomainClaim {
  const at = record.createdAt.toISOString();
  return {
    id: record.id,
    orgName,
    domain: record.domain,
    status: 'approved',
    requestedBy: record.requestedById ?? '',
    requestedAt: at,
    decidedAt: at,
    decisionNote: SELF_HOSTED_NOTE,
  };
}
