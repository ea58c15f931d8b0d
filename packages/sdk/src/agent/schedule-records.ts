/**
 * Schedules → the executor protocol's `ScheduleOutput`, as DBOS TypeScript builds it: the
 * context as a display string (left out unless loaded), `last_fired_at` as ISO or null, no
 * `workflow_class_name` (this SDK has no classes), absent options as null.
 */
import type { ScheduleOutput } from '@podium/protocol';
import type { WorkflowSchedule } from '../engine/schedules/schedule-types';
import { display } from './wire-records';

export function toScheduleOutput(schedule: WorkflowSchedule, loadContext: boolean): ScheduleOutput {
  return {
    schedule_id: schedule.scheduleId,
    schedule_name: schedule.scheduleName,
    workflow_name: schedule.workflowName,
    schedule: schedule.cron,
    status: schedule.status,
    ...(loadContext ? { context: display(schedule.context) } : {}),
    last_fired_at:
      schedule.lastFiredAt === null ? null : new Date(schedule.lastFiredAt).toISOString(),
    automatic_backfill: schedule.automaticBackfill,
    cron_timezone: schedule.cronTimezone,
    queue_name: schedule.queueName,
    application_name: schedule.applicationName,
  };
}
