/**
 * The scheduler of one process: serves every ACTIVE schedule of the application, whoever
 * created it and wherever its workflow is registered, by enqueueing one workflow per tick
 * (see ticks.ts for which ticks, and sql-schedules for why a tick starts exactly one workflow
 * across processes). It sleeps until the soonest tick, and reads the schedules again every
 * poll interval, or at once when woken (a change made in this process) or when a fire found
 * its schedule changed.
 *
 * Invariants: one cycle at a time; a tick fires only under the definition it was planned
 * with; once stopped it fires nothing more, and `stop()` resolves after the cycle in
 * progress (whose fire, a single statement, is durable either way).
 */
import type { Logger } from '../../logger';
import type { ScheduleRecord } from '../storage/schedule-storage';
import type { ExecutorScope, Storage } from '../storage/storage';
import { CronSchedule } from './cron';
import { runRequest } from './schedules';
import { dueTicks, servingStart, tickWorkflowId } from './ticks';

interface Served {
  schedule: ScheduleRecord;
  cron: CronSchedule;
  /** Ticks up to this instant have been fired (or skipped). */
  cursor: number;
}

export interface SchedulerDeps {
  storage: Storage;
  scope: ExecutorScope;
  /** How often schedules changed elsewhere are read. */
  pollIntervalMs: number;
  logger: Logger;
  /** Runs were enqueued: the dequeuer should look now. */
  onEnqueued: () => void;
}

export class Scheduler {
  private readonly served = new Map<string, Served>();
  private timer: NodeJS.Timeout | undefined;
  private cycling: Promise<void> | undefined;
  private readAt = 0;
  private cycleAgain = false;
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(private readonly deps: SchedulerDeps) {}

  /** Starts serving; does nothing once stopped. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.schedule(0);
  }

  /** Reads the schedules again as soon as possible. */
  wake(): void {
    if (this.state !== 'running') return;
    this.readAt = 0;
    if (this.cycling !== undefined) this.cycleAgain = true;
    else this.schedule(0);
  }

  /** Stops at once (synchronously); resolves when the cycle in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.cycling;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let nextMs = this.deps.pollIntervalMs;
      this.cycling = this.cycle()
        .then((ms) => {
          nextMs = ms;
        })
        .catch((error: unknown) => {
          this.deps.logger.error({ err: String(error) }, 'schedule cycle failed');
        })
        .finally(() => {
          this.cycling = undefined;
          if (this.state !== 'running') return;
          const again = this.cycleAgain;
          this.cycleAgain = false;
          this.schedule(again ? 0 : nextMs);
        });
    }, delayMs);
  }

  /** Reads the schedules if due, fires what is due; returns ms until there is more to do. */
  private async cycle(): Promise<number> {
    if (Date.now() >= this.readAt) {
      await this.read();
      this.readAt = Date.now() + this.deps.pollIntervalMs;
    }
    for (const served of [...this.served.values()]) {
      if (this.state !== 'running') return 0;
      await this.fireDue(served);
    }
    const now = Date.now();
    let wakeAt = this.readAt;
    for (const { cron, cursor } of this.served.values()) {
      const next = cron.next(Math.max(cursor, now));
      if (next !== null) wakeAt = Math.min(wakeAt, next);
    }
    // A timer may fire a little early: the next cycle then finds nothing due and sleeps again.
    return Math.max(1, wakeAt - Date.now());
  }

  private async read(): Promise<void> {
    const { storage, scope, logger } = this.deps;
    const active = await storage.schedules.listSchedules(scope.applicationName, {
      status: ['ACTIVE'],
    });
    const now = Date.now();
    const names = new Set(active.map((schedule) => schedule.scheduleName));
    for (const name of this.served.keys()) if (!names.has(name)) this.served.delete(name);
    for (const schedule of active) {
      const current = this.served.get(schedule.scheduleName)?.schedule;
      if (current?.scheduleId === schedule.scheduleId && current.revision === schedule.revision) {
        continue;
      }
      try {
        const cron = new CronSchedule(schedule.cron, schedule.cronTimezone);
        this.served.set(schedule.scheduleName, {
          schedule,
          cron,
          cursor: servingStart(schedule, now),
        });
      } catch (error) {
        // Stored by a process that accepted it (another SDK version, another zone database).
        this.served.delete(schedule.scheduleName);
        logger.warn(
          { schedule: schedule.scheduleName, err: String(error) },
          'schedule not served: its cron expression is not valid here',
        );
      }
    }
  }

  private async fireDue(served: Served): Promise<void> {
    const { schedule, cron } = served;
    const { ticks, skipped } = dueTicks(cron, served.cursor, Date.now(), schedule.backfillLimit);
    const last = ticks[ticks.length - 1];
    if (last === undefined) return;
    const { storage, scope, logger } = this.deps;
    const fields = { schedule: schedule.scheduleName, ticks: ticks.length };
    if (skipped) logger.warn(fields, 'schedule fell behind: older missed ticks skipped');
    let fired: boolean;
    try {
      fired = await storage.schedules.fireTicks(
        {
          ...runRequest(schedule, ticks, scope.applicationVersion),
          workflowIds: ticks.map((tick) => tickWorkflowId(schedule.scheduleName, tick)),
        },
        schedule.revision,
        last,
      );
    } catch (error) {
      // The cursor stays: the next cycle fires these ticks again (their ids make it safe).
      logger.error({ ...fields, err: String(error) }, 'schedule ticks could not be fired');
      return;
    }
    if (!fired) {
      // Paused, changed or deleted meanwhile: read the schedules again before anything else.
      this.served.delete(schedule.scheduleName);
      this.readAt = 0;
      this.cycleAgain = true;
      return;
    }
    served.cursor = last;
    logger.debug(fields, 'schedule ticks fired');
    this.deps.onEnqueued();
  }
}
