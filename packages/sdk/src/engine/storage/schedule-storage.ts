/**
 * The storage contract of schedules and application versions (part of `Storage`).
 *
 * Invariants the implementation guarantees:
 * - Schedule names are unique in the schema; a name taken by another application is never
 *   overwritten (`applySchedule` returns null, `createSchedule` reports it taken).
 * - `applySchedule` keeps the id, status, `activeSince` and `lastFiredAt` of an existing
 *   schedule and moves `revision` on only when the definition really changed.
 * - `fireTicks` writes only while the schedule is ACTIVE at the revision given, in one
 *   statement: the workflows and the advance of `lastFiredAt` happen together or not at all.
 * - Scheduled workflows are ENQUEUED under the application's latest version, one per
 *   workflow id (an existing id is left alone), so a tick starts exactly one workflow however
 *   many processes fire it.
 * - The latest version is the one with the highest `versionTimestamp`.
 */

export type ScheduleStatus = 'ACTIVE' | 'PAUSED';

/** A schedule row; `context` is serialised text. Times are epoch ms (database clock). */
export interface ScheduleRecord {
  scheduleId: string;
  scheduleName: string;
  applicationName: string;
  workflowName: string;
  cron: string;
  cronTimezone: string | null;
  context: string;
  queueName: string | null;
  automaticBackfill: boolean;
  backfillLimit: number;
  status: ScheduleStatus;
  /** Goes up whenever the definition (any field above but the name) changes. */
  revision: number;
  /** Since when the schedule is ACTIVE: creation or its last resume. */
  activeSince: number;
  /** The latest tick fired by the scheduler (not triggers or backfills). */
  lastFiredAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A schedule's definition, as created or applied. */
export type ScheduleDefinition = Pick<
  ScheduleRecord,
  | 'scheduleName'
  | 'applicationName'
  | 'workflowName'
  | 'cron'
  | 'cronTimezone'
  | 'context'
  | 'queueName'
  | 'automaticBackfill'
  | 'backfillLimit'
>;

export interface ScheduleListFilter {
  status?: string[];
  workflowName?: string[];
  scheduleNamePrefix?: string[];
}

/** Workflows to start for ticks of a schedule: their ids and serialised inputs, in pairs. */
export interface ScheduledStarts {
  scheduleName: string;
  applicationName: string;
  workflowIds: string[];
  inputs: string[];
  /** The version to use if the application has none registered. */
  fallbackVersion: string;
  /** The queue to use if the schedule has none. */
  defaultQueue: string;
}

export interface ScheduleStorage {
  /** Inserts a new ACTIVE schedule; null if the name is taken (by any application). */
  createSchedule(id: string, definition: ScheduleDefinition): Promise<ScheduleRecord | null>;
  /** Creates or updates (see the invariants); null if another application owns the name. */
  applySchedule(id: string, definition: ScheduleDefinition): Promise<ScheduleRecord | null>;
  getSchedule(applicationName: string, scheduleName: string): Promise<ScheduleRecord | null>;
  /** Sorted by name. */
  listSchedules(applicationName: string, filter: ScheduleListFilter): Promise<ScheduleRecord[]>;
  /** Pauses or resumes (resuming a paused one restarts `activeSince`); false if absent. */
  setScheduleStatus(
    applicationName: string,
    scheduleName: string,
    status: ScheduleStatus,
  ): Promise<boolean>;
  /** False if absent. The workflows it started stay. */
  deleteSchedule(applicationName: string, scheduleName: string): Promise<boolean>;
  /**
   * The scheduler's ticks: starts the workflows and advances `lastFiredAt` to `lastTickMs`,
   * if the schedule is still ACTIVE at `revision`; false (nothing written) otherwise.
   */
  fireTicks(starts: ScheduledStarts, revision: number, lastTickMs: number): Promise<boolean>;
  /** Triggers and backfills: starts the workflows whatever the status; false if absent. */
  startScheduled(starts: ScheduledStarts): Promise<boolean>;
}

/** A version an application has run. Times are epoch ms. */
export interface ApplicationVersionRecord {
  versionId: string;
  versionName: string;
  versionTimestamp: number;
  createdAt: number;
}

export interface VersionStorage {
  /** Records a version the first time it runs, as the newest; later launches change nothing. */
  registerVersion(applicationName: string, versionName: string): Promise<void>;
  /** Latest first. */
  listVersions(applicationName: string): Promise<ApplicationVersionRecord[]>;
  /** Makes a version the latest (its timestamp now, and above every other); false if unknown. */
  setLatestVersion(applicationName: string, versionName: string): Promise<boolean>;
}
