import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ListMembersResponse,
  type PaginationQuery,
  type RemovedMember,
  type RevokedCredentials,
  type RoleOutput,
  type UpdateMemberResponse,
  type Role,
  isBuiltInRoleName,
  isOwnerRole,
  isRoleWithin,
} from '@podium/protocol';
import { EventBus } from '../../../infra/events/event-bus';
import type { OrgScope } from '../../../common/auth/request-context';
import { toCountedPage } from '../../../common/pagination/counted-page';
import { isUuid } from '../../../common/validation/uuid';
import { ApiKeysService } from '../../api-keys/api-keys.service';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { JoinSecretsService } from '../join-secrets/join-secrets.service';
import { RolesService } from '../roles/roles.service';
import { dbosNameOf } from '../../users/users.dto';
import { mapMember, mapRemovedMember } from './members.dto';
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
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async findMembers(scope: OrgScope, page: PaginationQuery): Promise<ListMembersResponse> {
    const { items, total } = await this.members.findPage(scope.organization.id, page);
    return {
      ...toCountedPage(items.map(mapMember), total, page),
      orgName: scope.organization.name,
      users: Object.fromEntries(
        items.map((member) => [dbosNameOf(member, member.userId), member.role]),
      ),
    };
  }

  /**
   * Replaces the role of `member` (a user id or DBOS user name) with the built-in or custom role
   * named `roleName`.
   */
  async updateMemberRole(
    scope: OrgScope,
    member: string,
    roleName: string,
  ): Promise<UpdateMemberResponse> {
    let previousRole: string | undefined;
    const targetId = await this.memberIdOf(scope, member);
    const action = auditedAction(scope, AUDIT_ACTIONS.roleGrant, targetId, {
      role_name: roleName,
    });
    return this.audit.track(
      action,
      async () => {
        const { role, customRoleId } = await this.roles.getGrantableRole(scope, roleName);
        const target = await this.getMember(scope, targetId);
        previousRole = target.role.name;
        assertMayManage(scope, target, role);
        const assignment = customRoleId
          ? { role: null, customRoleId }
          : { role: builtInName(role), customRoleId: null };
        const updated = refusedOr(
          await this.members.updateRole(scope.organization.id, target.userId, assignment),
          scope,
          member,
        );
        const revoked = await this.revokeOutlivedCredentials(scope, target.userId, updated.role);
        return { ...mapMember(updated), revoked };
      },
      ({ revoked }) => ({ details: { previousRole, revoked } }),
    );
  }

  /**
   * Removes `member` (a user id or DBOS user name); members may always remove themselves
   * (leave). Returns who was removed (the credentials of theirs this revoked are in the audit
   * entry).
   */
  async removeMember(scope: OrgScope, member: string): Promise<RemovedMember> {
    const targetId = await this.memberIdOf(scope, member);
    const action = auditedAction(scope, AUDIT_ACTIONS.memberRemove, targetId);
    const { target } = await this.audit.track(
      action,
      async () => {
        const target = await this.getMember(scope, targetId);
        const { userId } = target;
        const leaving = scope.principal.kind === 'user' && scope.principal.userId === userId;
        if (!leaving) {
          if (!scope.permissions.includes('organization.write')) {
            throw new AppError(
              'FORBIDDEN',
              'Removing another member needs the "organization.write" permission.',
            );
          }
          assertMayManage(scope, target, target.role);
        }
        refusedOr(await this.members.remove(scope.organization.id, userId), scope, member);
        this.events.emit('member.removed', { organizationId: scope.organization.id, userId });
        return { target, revoked: await this.revokeOutlivedCredentials(scope, userId, null) };
      },
      ({ revoked }) => ({ details: { revoked } }),
    );
    return mapRemovedMember(target);
  }

  /**
   * After the membership changed (never before: the change may be refused), revokes what the
   * member created and may no longer create with `role` (null: no longer a member).
   */
  private async revokeOutlivedCredentials(
    scope: OrgScope,
    userId: string,
    role: RoleOutput | null,
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

  /**
   * The user id of the member a path names by id or DBOS user name, so that the audit entry of
   * an action on them (refused or not) names their id; the path's text when nobody has it.
   */
  private async memberIdOf(scope: OrgScope, member: string): Promise<string> {
    if (isUuid(member)) return member;
    const found = await this.members.findOneByUserName(scope.organization.id, member);
    return found?.userId ?? member;
  }

  /** The member a path names: by user id, or by DBOS user name (which has no `-`). */
  private async getMember(scope: OrgScope, member: string): Promise<MemberRecord> {
    const organizationId = scope.organization.id;
    const found = isUuid(member)
      ? await this.members.findOne(organizationId, member)
      : await this.members.findOneByUserName(organizationId, member);
    if (!found) throw notAMember(scope, member);
    return found;
  }
}

/** The caller may give `target` the role `newRole` (its own role again: remove it). */
function assertMayManage(scope: OrgScope, target: MemberRecord, newRole: RoleOutput): void {
  const callerRole = scope.role;
  if (!callerRole) throw new AppError('FORBIDDEN', 'Only signed-in members manage members.');
  if ((isOwnerRole(target.role) || isOwnerRole(newRole)) && !isOwnerRole(callerRole)) {
    throw new AppError('FORBIDDEN', 'Only owners can grant, change or remove the owner role.');
  }
  // Changing a member's role is as strong as removing them (it revokes what they may no
  // longer create): the member's current role must be within the caller's too.
  if (!isRoleWithin(target.role, callerRole)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role, ${callerRole.name}, cannot change or remove a member holding the ${target.role.name} role: it lacks some of its permissions.`,
    );
  }
  if (!isRoleWithin(newRole, callerRole)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role, ${callerRole.name}, cannot grant the ${newRole.name} role: it lacks some of its permissions.`,
    );
  }
}

/** The built-in role a global role output names. */
function builtInName(role: RoleOutput): Role {
  if (!isBuiltInRoleName(role.name))
    throw new AppError('INTERNAL', `${role.name} is not built in.`);
  return role.name;
}

function refusedOr<T>(outcome: T | MembershipRefusal, scope: OrgScope, userId: string): T {
  if (outcome === 'not_found') throw notAMember(scope, userId);
  if (outcome === 'last_owner') throw new AppError('CONFLICT', LAST_OWNER);
  return outcome;
}

function notAMember(scope: OrgScope, userId: string): AppError {
  return new AppError('NOT_FOUND', `No member ${userId} in "${scope.organization.name}".`);
}
