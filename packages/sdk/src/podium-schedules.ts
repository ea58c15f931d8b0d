/**
 * `podium.schedules`: this application's schedules at run time (register fixed ones with
 * `podium.schedule(...)` before launch instead). Every method needs a launched Podium and
 * rejects with `NotLaunchedError` otherwise.
 */
import type { Engine } from './engine/engine';
import type { WorkflowHandle } from './engine/handle';
import type {
  ListSchedulesFilter,
  ScheduledWorkflow,
  ScheduleOptions,
  WorkflowSchedule,
} from './engine/schedules/schedule-types';
import { ScheduleNotFoundError } from './errors';

export class PodiumSchedules {
  /** @param engine the launched engine, or a `NotLaunchedError` thrown */
  constructor(private readonly engine: (operation: string) => Engine) {}

  /**
   * Creates an ACTIVE schedule running `workflow` at every tick of `cron` (5 or 6 fields, as
   * DBOS accepts them). Throws `InvalidOperationError` if the name is taken or the expression
   * is invalid, `WorkflowNotRegisteredError` if the workflow is not registered here.
   */
  async create<C>(
    name: string,
    cron: string,
    workflow: ScheduledWorkflow<C>,
    options: ScheduleOptions<C> = {},
  ): Promise<WorkflowSchedule> {
    const { workflowName } = workflow;
    return this.engine('schedules.create').schedules.create({
      scheduleName: name,
      cron,
      workflowName,
      options,
    });
  }

  /**
   * Creates the schedule, or replaces its definition (cron, workflow, options) keeping its
   * status and history; applying an unchanged definition changes nothing. Idempotent.
   */
  async apply<C>(
    name: string,
    cron: string,
    workflow: ScheduledWorkflow<C>,
    options: ScheduleOptions<C> = {},
  ): Promise<WorkflowSchedule> {
    const { workflowName } = workflow;
    return this.engine('schedules.apply').schedules.apply({
      scheduleName: name,
      cron,
      workflowName,
      options,
    });
  }

  /** Stops firing ticks (in every process) until resumed. Throws `ScheduleNotFoundError`. */
  async pause(name: string): Promise<void> {
    if (!(await this.engine('schedules.pause').schedules.pause(name))) {
      throw new ScheduleNotFoundError(name);
    }
  }

  /**
   * Fires ticks again from the next one on: ticks that passed while paused are never made up,
   * even with `automaticBackfill`. Throws `ScheduleNotFoundError`.
   */
  async resume(name: string): Promise<void> {
    if (!(await this.engine('schedules.resume').schedules.resume(name))) {
      throw new ScheduleNotFoundError(name);
    }
  }

  /** Deletes the schedule (not the workflows it started); false if there was none. */
  async delete(name: string): Promise<boolean> {
    return this.engine('schedules.delete').schedules.delete(name);
  }

  /** The schedule, or null. */
  async get(name: string): Promise<WorkflowSchedule | null> {
    return this.engine('schedules.get').schedules.get(name);
  }

  /** This application's schedules matching `filter`, by name. */
  async list(filter: ListSchedulesFilter = {}): Promise<WorkflowSchedule[]> {
    return this.engine('schedules.list').schedules.list(filter);
  }

  /**
   * Starts one run now (`sched-<name>-trigger-<now>`), paused or not, with the current time
   * and the schedule's context. Throws `ScheduleNotFoundError`.
   */
  async trigger<R = unknown>(name: string): Promise<WorkflowHandle<R>> {
    const engine = this.engine('schedules.trigger');
    return engine.handle(await engine.schedules.trigger(name)) as WorkflowHandle<R>;
  }

  /**
   * Starts one run per tick strictly between `start` and `end`, each under its tick's id
   * (`sched-<name>-<tick>`), so ticks that already ran (or are backfilled again) start
   * nothing new. At most 10,000 ticks per call. Throws `ScheduleNotFoundError`.
   */
  async backfill<R = unknown>(
    name: string,
    start: Date | number,
    end: Date | number,
  ): Promise<WorkflowHandle<R>[]> {
    const engine = this.engine('schedules.backfill');
    const ids = await engine.schedules.backfill(name, toMs(start), toMs(end));
    return ids.map((id) => engine.handle(id) as WorkflowHandle<R>);
  }
}

const toMs = (time: Date | number): number => (time instanceof Date ? time.getTime() : time);
