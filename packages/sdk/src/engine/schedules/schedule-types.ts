/** Public types of schedules: their options, their stored state, and listing filters. */
import type { Workflow } from '../workflow';

export type { ScheduleStatus } from '../storage/schedule-storage';
import type { ScheduleStatus } from '../storage/schedule-storage';

/**
 * A workflow a schedule can run: its arguments are the tick's time and the schedule's
 * context (DBOS's `(scheduledDate, context)`).
 */
export type ScheduledWorkflow<C = unknown> = Workflow<[scheduledAt: Date, context: C], unknown>;

/** How a schedule runs its workflow. Every field is optional. */
export interface ScheduleOptions<C = unknown> {
  /**
   * Passed to every run as its second argument; stored with the schedule as JSON (see the
   * README's serialisation rules).
   * @default undefined
   */
  context?: C;
  /**
   * IANA time zone the cron expression is read in, e.g. `Europe/Paris`. Ticks follow its
   * daylight-saving changes: a skipped local time does not fire, a repeated one fires twice.
   * @default UTC (DBOS Transact uses the process's zone; UTC keeps every process in agreement)
   */
  cronTimezone?: string;
  /**
   * Queue (registered with `podium.queue`) the runs are enqueued on; its limits apply.
   * @default an internal queue without limits
   */
  queueName?: string;
  /**
   * What happens to ticks missed while no process served the schedule (all were down). False:
   * they are skipped, and the schedule runs again at its next tick. True: a process starting
   * to serve it first starts one workflow per missed tick since the last one fired (at most
   * `backfillLimit`, the most recent).
   * @default false
   */
  automaticBackfill?: boolean;
  /**
   * The most ticks made up at once: by automatic backfill, or by a process that fell behind.
   * @default 1000
   */
  backfillLimit?: number;
}

/** A schedule as stored. Times are epoch milliseconds. */
export interface WorkflowSchedule {
  scheduleId: string;
  scheduleName: string;
  workflowName: string;
  /** The cron expression. */
  cron: string;
  /** Null: UTC. */
  cronTimezone: string | null;
  context: unknown;
  /** Null: the internal queue. */
  queueName: string | null;
  automaticBackfill: boolean;
  backfillLimit: number;
  status: ScheduleStatus;
  /** The latest tick the scheduler fired (triggers and backfills do not count). */
  lastFiredAt: number | null;
  applicationName: string;
  createdAt: number;
  updatedAt: number;
}

/** A schedule to create or apply: what `podium.schedule(...)` registers. */
export interface ScheduleRequest {
  scheduleName: string;
  cron: string;
  workflowName: string;
  options: ScheduleOptions;
}

/** Filters of `podium.schedules.list`; they combine with AND. */
export interface ListSchedulesFilter {
  status?: ScheduleStatus | ScheduleStatus[];
  workflowName?: string | string[];
  scheduleNamePrefix?: string | string[];
}
