import type { AuditedAction } from '../../common/routes/route-spec';

/** The audited schedule actions, named as DBOS Conductor's audit log names them. */
export const SCHEDULE_ACTIONS = {
  pause: { name: 'schedule.pause', targetType: 'schedule' },
  resume: { name: 'schedule.resume', targetType: 'schedule' },
  trigger: { name: 'schedule.trigger', targetType: 'schedule' },
  backfill: { name: 'schedule.backfill', targetType: 'schedule' },
} as const satisfies Record<string, AuditedAction>;
