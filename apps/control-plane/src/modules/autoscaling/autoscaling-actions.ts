import type { AuditedAction } from '../../common/routes/route-spec';
import { AUDIT_TARGETS } from '../audit/audit-actions';

/** The audited autoscaling-policy changes; the target is the application. */
export const AUTOSCALING_ACTIONS = {
  setPolicy: { name: 'autoscaling_policy.set', targetType: AUDIT_TARGETS.application },
  deletePolicy: { name: 'autoscaling_policy.delete', targetType: AUDIT_TARGETS.application },
} as const satisfies Record<string, AuditedAction>;
