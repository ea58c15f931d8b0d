import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ListMembersResponse,
  type PaginationQuery,
  type RevokedCredentials,
  type Role,
  type UpdateMemberResponse,
} from '@podium/protocol';
import { EventBus } from '../../../infra/events/event-bus';
import { isRoleWithin } from '../../../common/auth/access-levels';
import type { OrgScope } from '../../../common/auth/request-context';
import { toCountedPage } from '../../../common/pagination/counted-page';
import { ApiKeysService } from '../../api-keys/api-keys.service';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { JoinSecretsService } from '../join-secrets/join-secrets.service';
import { mapMember } from './members.dto';
import { type MemberRecord, type MembershipRefusal, MembersRepository } from './members.repository';

const LAST_OWNER = 'An organization needs at least one owner: make someone else owner first.';

/**
 * Members and their roles. Rules: nobody grants more than they hold; only owners touch
 * owners; anyone may leave; an organization never loses its last owner; and a credential stays
 * valid only while its creator could still create it, so removing a member (or their leaving)
 * revokes the API keys and join secrets they created, and a new role those it may not create.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly joinSecrets: JoinSecretsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async findMembers(scope: OrgScope, page: PaginationQuery): Promise<ListMembersResponse> {
    const { items, total } = await this.members.findPage(scope.organization.id, page);
    return toCountedPage(items.map(mapMember), total, page);
  }

  updateMemberRole(scope: OrgScope, userId: string, role: Role): Promise<UpdateMemberResponse> {
    let previousRole: Role | undefined;
    const action = auditedAction(scope, AUDIT_ACTIONS.memberUpdateRole, userId, { role });
    return this.audit.track(
      action,
      async () => {
        const target = await this.getMember(scope, userId);
        previousRole = target.role;
        assertMayManage(scope, target, role);
        const updated = refusedOr(
          await this.members.updateRole(scope.organization.id, userId, role),
          scope,
          userId,
        );
        const revoked = await this.revokeOutlivedCredentials(scope, userId, updated.role);
        return { ...mapMember(updated), revoked };
      },
      ({ revoked }) => ({ details: { previousRole, revoked } }),
    );
  }

  /**
   * Removes a member; members may always remove themselves (leave). Returns the credentials
   * of theirs this revoked.
   */
  removeMember(scope: OrgScope, userId: string): Promise<RevokedCredentials> {
    const action = auditedAction(scope, AUDIT_ACTIONS.memberRemove, userId);
    return this.audit.track(
      action,
      async () => {
        const target = await this.getMember(scope, userId);
        const leaving = scope.principal.kind === 'user' && scope.principal.userId === userId;
        if (!leaving) {
          if (!scope.access.includes('admin')) {
            throw new AppError('FORBIDDEN', 'Removing another member needs the "admin" level.');
          }
          assertMayManage(scope, target, target.role);
        }
        refusedOr(await this.members.remove(scope.organization.id, userId), scope, userId);
        this.events.emit('member.removed', { organizationId: scope.organization.id, userId });
        return this.revokeOutlivedCredentials(scope, userId, null);
      },
      (revoked) => ({ details: { revoked } }),
    );
  }

  /**
   * After the membership changed (never before: the change may be refused), revokes what the
   * member created and may no longer create with `role` (null: no longer a member).
   */
  private async revokeOutlivedCredentials(
    scope: OrgScope,
    userId: string,
    role: Role | null,
  ): Promise<RevokedCredentials> {
    const organizationId = scope.organization.id;
    return {
      apiKeys: await this.apiKeys.revokeApiKeysOutlivingCreator(organizationId, userId, role),
      joinSecrets: await this.joinSecrets.revokeJoinSecretsOutlivingCreator(
        organizationId,
        userId,
        role,
      ),
    };
  }

  private async getMember(scope: OrgScope, userId: string): Promise<MemberRecord> {
    const member = await this.members.findOne(scope.organization.id, userId);
    if (!member) throw notAMember(scope, userId);
    return member;
  }
}

function assertMayManage(scope: OrgScope, target: MemberRecord, newRole: Role): void {
  const callerRole = scope.role;
  if (!callerRole) throw new AppError('FORBIDDEN', 'Only signed-in members manage members.');
  if ((target.role === 'OWNER' || newRole === 'OWNER') && callerRole !== 'OWNER') {
    throw new AppError('FORBIDDEN', 'Only owners can grant, change or remove the owner role.');
  }
  if (!isRoleWithin(newRole, callerRole)) {
    throw new AppError('FORBIDDEN', `Your role, ${callerRole}, cannot grant the ${newRole} role.`);
  }
}

function refusedOr<T>(outcome: T | MembershipRefusal, scope: OrgScope, userId: string): T {
  if (outcome === 'not_found') throw notAMember(scope, userId);
  if (outcome === 'last_owner') throw new AppError('CONFLICT', LAST_OWNER);
  return outcome;
}

function notAMember(scope: OrgScope, userId: string): AppError {
  return new AppError('NOT_FOUND', `No member ${userId} in "${scope.organization.name}".`);
}
