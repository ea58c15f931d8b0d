import type { OrgScope } from '../../common/auth/request-context';
import type { TrackedAction } from './audit.service';

/** The audited actions of accounts, organizations, apps, keys and executors (one name each). */
export const AUDIT_ACTIONS = {
  organizationCreate: 'organization.create',
  memberUpdateRole: 'member.update_role',
  memberRemove: 'member.remove',
  memberJoin: 'member.join',
  joinSecretCreate: 'join_secret.create',
  joinSecretRevoke: 'join_secret.revoke',
  applicationCreate: 'application.create',
  applicationUpdate: 'application.update',
  applicationDelete: 'application.delete',
  apiKeyCreate: 'api_key.create',
  apiKeyRename: 'api_key.rename',
  apiKeyRevoke: 'api_key.revoke',
  /** By the control plane: a dead executor's workflows were handed to a live one. */
  executorRecover: 'executor.recover',
} as const;

/** Target types, as they appear in audit entries. */
export const AUDIT_TARGETS = {
  organization: 'organization',
  member: 'member',
  joinSecret: 'join_secret',
  application: 'application',
  apiKey: 'api_key',
  /** Its id is the executor's own (`executor_id`). */
  executor: 'executor',
} as const;

/** The audit entry of an action by the caller in `scope`'s organization. */
export function auditedAction(
  scope: OrgScope,
  action: string,
  targetType: string,
  targetId?: string | null,
  details?: Record<string, unknown>,
): TrackedAction {
  return {
    organizationId: scope.organization.id,
    principal: scope.principal,
    action,
    targetType,
    targetId,
    details,
  };
}
