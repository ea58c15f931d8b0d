import type { Schedule, ScheduleOutput } from '@podium/protocol';

/** An executor's schedule record → DBOS Conductor's REST shape (`schedule` is the cron). */
export function mapSchedule(s: ScheduleOutput): Schedule {
  return {
    scheduleId: s.schedule_id,
    scheduleName: s.schedule_name,
    workflowName: s.workflow_name,
    workflowClass: s.workflow_class_name || null,
    cronExpression: s.schedule,
    cronTimezone: s.cron_timezone ?? null,
    status: s.status,
    context: s.context ?? null,
    lastFiredAt: isoOrNull(s.last_fired_at),
    automaticBackfill: s.automatic_backfill ?? false,
    applicationName: s.application_name ?? null,
    queueName: s.queue_name ?? null,
  };
}

/** The executor sends ISO text (any offset); REST answers in UTC. */
function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
