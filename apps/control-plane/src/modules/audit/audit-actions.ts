import type { Operator } from '../../common/auth/app-scope';
import type { OrgScope } from '../../common/auth/request-context';
import type { AuditedAction } from '../../common/routes/route-spec';
import type { TrackedAction } from './audit.service';

/** Target types, as they appear in audit entries. */
export const AUDIT_TARGETS = {
  organization: 'organization',
  member: 'member',
  joinSecret: 'join_secret',
  /** Its id is the domain. */
  domainClaim: 'domain_claim',
  application: 'application',
  /** An API key (DBOS: token); its id is the key's. */
  token: 'token',
  /** A custom role; its id is the role's name. */
  role: 'role',
  /** Its id is the executor's own (`executor_id`). */
  executor: 'executor',
} as const;

/**
 * The audited actions of accounts, organizations, apps, keys and executors (one name each).
 * Route tables name the same entries, so a refusal by the guards is audited under them too.
 */
export const AUDIT_ACTIONS = {
  organizationCreate: { name: 'organization.create', targetType: AUDIT_TARGETS.organization },
  organizationUpdate: { name: 'organization.update', targetType: AUDIT_TARGETS.organization },
  /** A member given a role (DBOS `role.grant`, `role_name` in its details). */
  roleGrant: { name: 'role.grant', targetType: AUDIT_TARGETS.member },
  roleCreate: { name: 'role.create', targetType: AUDIT_TARGETS.role },
  roleDelete: { name: 'role.delete', targetType: AUDIT_TARGETS.role },
  memberRemove: { name: 'member.remove', targetType: AUDIT_TARGETS.member },
  memberJoin: { name: 'member.join', targetType: AUDIT_TARGETS.member },
  joinSecretCreate: { name: 'join_secret.create', targetType: AUDIT_TARGETS.joinSecret },
  joinSecretRevoke: { name: 'join_secret.revoke', targetType: AUDIT_TARGETS.joinSecret },
  domainClaimCreate: { name: 'domain_claim.create', targetType: AUDIT_TARGETS.domainClaim },
  domainClaimDelete: { name: 'domain_claim.delete', targetType: AUDIT_TARGETS.domainClaim },
  applicationCreate: { name: 'application.create', targetType: AUDIT_TARGETS.application },
  applicationUpdate: { name: 'application.update', targetType: AUDIT_TARGETS.application },
  applicationDelete: { name: 'application.delete', targetType: AUDIT_TARGETS.application },
  applicationSetLatestVersion: {
    name: 'application.set_latest_version',
    targetType: AUDIT_TARGETS.application,
  },
  tokenCreate: { name: 'token.create', targetType: AUDIT_TARGETS.token },
  tokenRename: { name: 'token.rename', targetType: AUDIT_TARGETS.token },
  tokenRevoke: { name: 'token.revoke', targetType: AUDIT_TARGETS.token },
  /** By the control plane: a dead executor's workflows were handed to a live one. */
  executorRecover: { name: 'executor.recover', targetType: AUDIT_TARGETS.executor },
} as const satisfies Record<string, AuditedAction>;

/** The audit entry of an action by the caller in `scope`'s organization. */
export function auditedAction(
  scope: OrgScope,
  action: AuditedAction,
  targetId?: string | null,
  details?: Record<string, unknown>,
): TrackedAction {
  return {
    organizationId: scope.organization.id,
    principal: scope.principal,
    action: action.name,
    targetType: action.targetType,
    targetId,
    details,
  };
}

/** The audit entry of an action on an application's executors (details name the application). */
export function operatorAction(
  op: Operator,
  action: AuditedAction,
  targetId?: string | null,
  details?: Record<string, unknown>,
): TrackedAction {
  return {
    organizationId: op.organizationId,
    principal: op.principal,
    action: action.name,
    targetType: action.targetType,
    targetId,
    details: { applicationId: op.applicationId, ...details },
  };
}
