/**
 * Schedules of this application (part of the engine): create, apply (create or update), pause,
 * resume, delete, read, and start runs at once (`trigger`) or for a past window (`backfill`).
 * Every change wakes this process's scheduler; other processes see it at their next poll,
 * and none fires a tick of a paused, changed or deleted schedule (see sql-schedules).
 */
import { randomUUID } from 'node:crypto';
import {
  InvalidOperationError,
  ScheduleNotFoundError,
  WorkflowNotRegisteredError,
} from '../../errors';
import { deserializeValue, serializeValue } from '../../internal/serialization';
import { INTERNAL_QUEUE } from '../management';
import type { Registry } from '../registry';
import type { ScheduleDefinition, ScheduleRecord } from '../storage/schedule-storage';
import type { ExecutorScope, Storage } from '../storage/storage';
import { CronSchedule, CronSyntaxError } from './cron';
import type { ListSchedulesFilter, ScheduleRequest, WorkflowSchedule } from './schedule-types';
import { tickWorkflowId, triggerWorkflowId } from './ticks';

/** `backfillLimit` unless set. */
export const DEFAULT_BACKFILL_LIMIT = 1000;
/** The most workflows one `backfill` call starts: a wider window is refused, not cut. */
export const MAX_BACKFILL_TICKS = 10_000;

export interface ScheduleDeps {
  storage: Storage;
  registry: Registry;
  scope: ExecutorScope;
  /** Has this process's scheduler read the schedules again now. */
  wakeScheduler: () => void;
  /** Has the dequeuer look for work now (runs were enqueued). */
  wakeDequeuer: () => void;
}

/**
 * Checks what can be checked before launch: the name, the cron expression and its zone, and
 * the backfill limit. Throws `InvalidOperationError`.
 */
export function validateScheduleRequest(request: ScheduleRequest): void {
  if (typeof request.scheduleName !== 'string' || request.scheduleName.trim() === '') {
    throw new InvalidOperationError('A schedule name must be a non-empty string');
  }
  try {
    new CronSchedule(request.cron, request.options.cronTimezone);
  } catch (error) {
    if (error instanceof CronSyntaxError) throw new InvalidOperationError(error.message);
    throw error;
  }
  const limit = request.options.backfillLimit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new InvalidOperationError('backfillLimit must be a positive integer');
  }
}

export class ScheduleManagement {
  constructor(private readonly deps: ScheduleDeps) {}

  /** Throws `InvalidOperationError` if the name is taken (by this or another application). */
  async create(request: ScheduleRequest): Promise<WorkflowSchedule> {
    const record = await this.deps.storage.schedules.createSchedule(
      randomUUID(),
      this.definition(request),
    );
    if (record === null) {
      throw new InvalidOperationError(`Schedule "${request.scheduleName}" already exists`);
    }
    this.deps.wakeScheduler();
    return toWorkflowSchedule(record);
  }

  /**
   * Creates the schedule, or updates its definition keeping its status and history (applying
   * an unchanged definition changes nothing). Throws `InvalidOperationError` if another
   * application has a schedule of that name.
   */
  async apply(request: ScheduleRequest): Promise<WorkflowSchedule> {
    const record = await this.deps.storage.schedules.applySchedule(
      randomUUID(),
      this.definition(request),
    );
    if (record === null) {
      throw new InvalidOperationError(
        `Schedule "${request.scheduleName}" belongs to another application`,
      );
    }
    this.deps.wakeScheduler();
    return toWorkflowSchedule(record);
  }

  /** Applies the schedules registered with `podium.schedule` (at launch). */
  async applyRegistered(): Promise<void> {
    for (const request of this.deps.registry.schedules()) await this.apply(request);
  }

  /** False if there is no such schedule. */
  pause(scheduleName: string): Promise<boolean> {
    return this.setStatus(scheduleName, 'PAUSED');
  }

  /** False if there is no such schedule. Ticks that passed while paused are never made up. */
  resume(scheduleName: string): Promise<boolean> {
    return this.setStatus(scheduleName, 'ACTIVE');
  }

  /** False if there is no such schedule. The workflows it started are kept. */
  async delete(scheduleName: string): Promise<boolean> {
    const deleted = await this.deps.storage.schedules.deleteSchedule(
      this.deps.scope.applicationName,
      scheduleName,
    );
    this.deps.wakeScheduler();
    return deleted;
  }

  async get(scheduleName: string): Promise<WorkflowSchedule | null> {
    const record = await this.deps.storage.schedules.getSchedule(
      this.deps.scope.applicationName,
      scheduleName,
    );
    return record === null ? null : toWorkflowSchedule(record);
  }

  async list(filter: ListSchedulesFilter = {}): Promise<WorkflowSchedule[]> {
    const records = await this.deps.storage.schedules.listSchedules(
      this.deps.scope.applicationName,
      {
        status: toList(filter.status),
        workflowName: toList(filter.workflowName),
        scheduleNamePrefix: toList(filter.scheduleNamePrefix),
      },
    );
    return records.map(toWorkflowSchedule);
  }

  /** Starts one run now, whatever the schedule's status; returns its workflow id. */
  async trigger(scheduleName: string): Promise<string> {
    const schedule = await this.require(scheduleName);
    const now = Date.now();
    const [workflowId] = await this.startRuns(schedule, [now], triggerWorkflowId);
    return workflowId as string;
  }

  /**
   * Starts one run per tick strictly after `start` and strictly before `end` (as DBOS), under
   * the tick's own id: backfilling a window again starts nothing new. Returns every tick's
   * workflow id, oldest first.
   */
  async backfill(scheduleName: string, start: number, end: number): Promise<string[]> {
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      throw new InvalidOperationError('backfill needs a valid start and end time');
    }
    const schedule = await this.require(scheduleName);
    const ticks: number[] = [];
    for (const tick of new CronSchedule(schedule.cron, schedule.cronTimezone).between(start, end)) {
      if (ticks.length === MAX_BACKFILL_TICKS) {
        throw new InvalidOperationError(
          `The window holds more than ${MAX_BACKFILL_TICKS} ticks of "${scheduleName}": backfill it in parts`,
        );
      }
      ticks.push(tick);
    }
    return this.startRuns(schedule, ticks, tickWorkflowId);
  }

  private async startRuns(
    schedule: ScheduleRecord,
    ticks: number[],
    idOf: (scheduleName: string, tickMs: number) => string,
  ): Promise<string[]> {
    const workflowIds = ticks.map((tick) => idOf(schedule.scheduleName, tick));
    if (ticks.length === 0) return workflowIds;
    const found = await this.deps.storage.schedules.startScheduled({
      ...runRequest(schedule, ticks, this.deps.scope.applicationVersion),
      workflowIds,
    });
    if (!found) throw new ScheduleNotFoundError(schedule.scheduleName);
    this.deps.wakeDequeuer();
    return workflowIds;
  }

  private async require(scheduleName: string): Promise<ScheduleRecord> {
    const record = await this.deps.storage.schedules.getSchedule(
      this.deps.scope.applicationName,
      scheduleName,
    );
    if (record === null) throw new ScheduleNotFoundError(scheduleName);
    return record;
  }

  private async setStatus(scheduleName: string, status: 'ACTIVE' | 'PAUSED'): Promise<boolean> {
    const found = await this.deps.storage.schedules.setScheduleStatus(
      this.deps.scope.applicationName,
      scheduleName,
      status,
    );
    this.deps.wakeScheduler();
    return found;
  }

  /** Validates a request against this process (workflow and queue registered) too. */
  private definition(request: ScheduleRequest): ScheduleDefinition {
    validateScheduleRequest(request);
    const { registry, scope } = this.deps;
    if (registry.get(request.workflowName) === undefined) {
      throw new WorkflowNotRegisteredError(request.workflowName);
    }
    const { options } = request;
    registry.assertQueue(options.queueName);
    return {
      scheduleName: request.scheduleName,
      applicationName: scope.applicationName,
      workflowName: request.workflowName,
      cron: request.cron,
      cronTimezone: options.cronTimezone || null,
      context: serializeValue(options.context),
      queueName: options.queueName ?? null,
      automaticBackfill: options.automaticBackfill ?? false,
      backfillLimit: options.backfillLimit ?? DEFAULT_BACKFILL_LIMIT,
    };
  }
}

/**
 * What starting runs of `schedule` at `ticks` needs, but their ids: each run's input is the
 * tick's time and the schedule's context.
 */
export function runRequest(schedule: ScheduleRecord, ticks: number[], ownVersion: string) {
  const context = deserializeValue(schedule.context);
  return {
    scheduleName: schedule.scheduleName,
    applicationName: schedule.applicationName,
    inputs: ticks.map((tick) => serializeValue([new Date(tick), context])),
    fallbackVersion: ownVersion,
    defaultQueue: INTERNAL_QUEUE,
  };
}

export function toWorkflowSchedule(record: ScheduleRecord): WorkflowSchedule {
  return {
    scheduleId: record.scheduleId,
    scheduleName: record.scheduleName,
    workflowName: record.workflowName,
    cron: record.cron,
    cronTimezone: record.cronTimezone,
    context: deserializeValue(record.context),
    queueName: record.queueName,
    automaticBackfill: record.automaticBackfill,
    backfillLimit: record.backfillLimit,
    status: record.status,
    lastFiredAt: record.lastFiredAt,
    applicationName: record.applicationName,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const toList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];
