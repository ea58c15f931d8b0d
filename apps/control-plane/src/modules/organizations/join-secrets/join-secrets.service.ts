import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type CreateJoinSecretRequest,
  type CreateJoinSecretResponse,
  DEFAULT_JOIN_SECRET_TTL_DAYS,
  GENERATED_JOIN_SECRET_ROLE,
  type GenerateJoinSecretResponse,
  type JoinOrganizationResponse,
  MAX_JOIN_SECRET_TTL_DAYS,
  type PaginationQuery,
  type RevokedCredentials,
  type RoleOutput,
  builtInRole,
  canCreateJoinSecret,
  type JoinSecret,
  type Paginated,
} from '@podium/protocol';
import type { Principal } from '../../../common/auth/principal';
import type { OrgScope } from '../../../common/auth/request-context';
import { quotaExceeded } from '../../../common/errors/quota-exceeded';
import { toCountedPage } from '../../../common/pagination/counted-page';
import { CONFIG, type Config } from '../../../config/config';
import { QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { type AuditActor, AuditService, type TrackedAction } from '../../audit/audit.service';
import { mapOrganization, organizationPlan } from '../organizations.dto';
import { OrganizationsRepository } from '../organizations.repository';
import { JOIN_SECRETS } from './join-secret-kind';
import { mapCreatedJoinSecret, mapJoinSecret } from './join-secrets.dto';
import { type JoinSecretRecord, JoinSecretsRepository } from './join-secrets.repository';

export type { JoinSecretRecord } from './join-secrets.repository';

const DAY_MS = 24 * 60 * 60_000;
const UNUSABLE = 'This join secret is unknown, expired, revoked or used up; ask for a new one.';

/** Invitations without a mail server: an admin makes a secret, whoever holds it may join. */
@Injectable()
export class JoinSecretsService {
  constructor(
    private readonly secrets: JoinSecretsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  createJoinSecret(
    scope: OrgScope,
    input: CreateJoinSecretRequest,
    now = new Date(),
  ): Promise<CreateJoinSecretResponse> {
    const action = auditedAction(scope, AUDIT_ACTIONS.joinSecretCreate, null, {
      role: input.role,
      maxUses: input.maxUses,
    });
    return this.audit.track(
      action,
      async () => {
        if (!canCreateJoinSecret(scope.role, input.role)) {
          throw new AppError('FORBIDDEN', `You cannot invite people as ${input.role}.`);
        }
        const expiresAt = expiryOf(input.expiresAt, now);
        const generated = JOIN_SECRETS.generate();
        const max = this.config.quotas.usableJoinSecretsPerOrg;
        const record = await this.secrets.create(
          {
            organizationId: scope.organization.id,
            role: input.role,
            prefix: generated.prefix,
            secretHash: generated.hash,
            expiresAt,
            maxUses: input.maxUses,
            createdById: scope.principal.kind === 'user' ? scope.principal.userId : null,
          },
          max,
          now,
        );
        if (record === QUOTA_EXCEEDED) throw quotaExceeded('usable join secrets', max);
        return mapCreatedJoinSecret(record, generated.secret);
      },
      // Never the secret: only what identifies it.
      (created) => ({
        targetId: created.id,
        details: { prefix: created.prefix, expiresAt: created.expiresAt },
      }),
    );
  }

  /** DBOS Conductor's kind: single use, the default lifetime, DBOS's member role. */
  async generateJoinSecret(scope: OrgScope): Promise<GenerateJoinSecretResponse> {
    const { secret } = await this.createJoinSecret(scope, {
      role: GENERATED_JOIN_SECRET_ROLE,
      maxUses: 1,
    });
    return { secret };
  }

  async findJoinSecrets(scope: OrgScope, page: PaginationQuery): Promise<Paginated<JoinSecret>> {
    const { items, total } = await this.secrets.findPage(scope.organization.id, page);
    return toCountedPage(items.map(mapJoinSecret), total, page);
  }

  revokeJoinSecret(scope: OrgScope, id: string, now = new Date()): Promise<void> {
    const action = auditedAction(scope, AUDIT_ACTIONS.joinSecretRevoke, id);
    return this.audit.track(action, async () => {
      const secret = await this.secrets.findOne(scope.organization.id, id);
      if (!secret) {
        throw new AppError('NOT_FOUND', `No join secret ${id} in "${scope.organization.name}".`);
      }
      await this.secrets.revoke(scope.organization.id, id, now);
    });
  }

  /**
   * A join secret stays valid only while its creator could still create it: revokes the live
   * secrets they created in the organization that `creatorRole` (null: no longer a member) may
   * not create. Returns those it revoked.
   */
  async revokeJoinSecretsOutlivingCreator(
    organizationId: string,
    creatorId: string,
    creatorRole: RoleOutput | null,
    now = new Date(),
  ): Promise<RevokedCredentials['joinSecrets']> {
    const live = await this.secrets.findLiveCreatedBy(organizationId, creatorId, now);
    const revoked: RevokedCredentials['joinSecrets'] = [];
    for (const { id, prefix, role } of live) {
      if (canCreateJoinSecret(creatorRole, role)) continue;
      if (await this.secrets.revoke(organizationId, id, now)) revoked.push({ id, prefix, role });
    }
    return revoked;
  }

  /**
   * The join secret `secret` names if it can still be redeemed; null otherwise (sign-up checks
   * this before its password work; redeeming re-checks atomically).
   */
  async findOneUsableBySecret(secret: string, now = new Date()): Promise<JoinSecretRecord | null> {
    const record = await this.findOneBySecret(secret);
    const usable =
      record && !record.revokedAt && record.expiresAt > now && record.uses < record.maxUses;
    return usable ? record : null;
  }

  /**
   * The caller joins the organization the secret belongs to, with the secret's role; when
   * `organizationName` is given, only if the secret is that organization's.
   */
  async joinOrganization(
    principal: Principal & { kind: 'user' },
    secret: string,
    organizationName?: string,
    now = new Date(),
  ): Promise<JoinOrganizationResponse> {
    const record = await this.findOneBySecret(secret);
    if (!record) throw new AppError('NOT_FOUND', UNUSABLE);
    if (organizationName !== undefined) {
      const named = await this.organizations.findOneById(record.organizationId);
      if (named?.name !== organizationName) throw new AppError('NOT_FOUND', UNUSABLE);
    }
    return this.audit.track(joinAction(record, principal), async () => {
      const outcome = await this.secrets.redeem(record, principal.userId, now);
      if (outcome === 'already_member') {
        throw new AppError('CONFLICT', 'You are already a member of this organization.');
      }
      if (outcome === 'unusable') throw new AppError('NOT_FOUND', UNUSABLE);
      const organization = await this.organizations.findOneById(record.organizationId);
      if (!organization) throw new AppError('NOT_FOUND', UNUSABLE);
      return mapOrganization(
        organization,
        organizationPlan(this.config.quotas),
        builtInRole(record.role),
      );
    });
  }

  /**
   * A newcomer joins with the invitation they signed up with (in the sign-up's transaction: see
   * SignUpService): its use is counted, the membership added and audited. False when it can no
   * longer be redeemed.
   */
  async admitAtSignUp(
    record: JoinSecretRecord,
    userId: string,
    now = new Date(),
  ): Promise<boolean> {
    if ((await this.secrets.redeem(record, userId, now)) !== 'joined') return false;
    const action = joinAction(record, { kind: 'user', userId });
    await this.audit.record({
      ...action,
      targetId: userId,
      outcome: 'SUCCESS',
      details: { ...action.details, atSignUp: true },
    });
    return true;
  }

  private async findOneBySecret(secret: string): Promise<JoinSecretRecord | null> {
    if (!JOIN_SECRETS.isWellFormed(secret)) return null;
    return this.secrets.findOneBySecretHash(JOIN_SECRETS.hash(secret));
  }
}

function joinAction(
  record: JoinSecretRecord,
  principal: AuditActor & { kind: 'user' },
): TrackedAction & { targetId: string } {
  return {
    organizationId: record.organizationId,
    principal,
    action: AUDIT_ACTIONS.memberJoin.name,
    targetType: AUDIT_ACTIONS.memberJoin.targetType,
    targetId: principal.userId,
    details: { role: record.role, joinSecretId: record.id, prefix: record.prefix },
  };
}

function expiryOf(requested: string | undefined, now: Date): Date {
  const expiresAt = requested
    ? new Date(requested)
    : new Date(now.getTime() + DEFAULT_JOIN_SECRET_TTL_DAYS * DAY_MS);
  if (expiresAt <= now) {
    throw AppError.validation([{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  if (expiresAt.getTime() > now.getTime() + MAX_JOIN_SECRET_TTL_DAYS * DAY_MS) {
    throw AppError.validation([
      { path: 'expiresAt', message: `must be at most ${MAX_JOIN_SECRET_TTL_DAYS} days ahead` },
    ]);
  }
  return expiresAt;
}
