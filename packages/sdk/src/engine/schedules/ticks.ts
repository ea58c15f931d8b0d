/**
 * Which ticks a schedule fires, and the ids of the workflows they start. Pure.
 *
 * Ids are DBOS's: `sched-<schedule>-<tick as ISO>` for a tick (so a tick starts one workflow
 * however many processes fire it, and a backfill repeats nothing), and
 * `sched-<schedule>-trigger-<now as ISO>` for a trigger.
 *
 * Missed ticks (their time passed while no process served the schedule): by default skipped,
 * a process starting to serve a schedule fires from its next tick on. With automatic backfill
 * it first fires the ticks since the last one fired (or since the schedule became active, if
 * later: ticks while paused are never made up), at most `backfillLimit` of them, the most
 * recent. A process serving a schedule fires every tick from then on, late if it must (a
 * stalled event loop, a database outage), within the same limit.
 */
import type { CronSchedule } from './cron';
import type { ScheduleRecord } from '../storage/schedule-storage';

export const tickWorkflowId = (scheduleName: string, tickMs: number): string =>
  `sched-${scheduleName}-${new Date(tickMs).toISOString()}`;

export const triggerWorkflowId = (scheduleName: string, nowMs: number): string =>
  `sched-${scheduleName}-trigger-${new Date(nowMs).toISOString()}`;

/** The instant after which a process starting to serve `schedule` at `nowMs` fires ticks. */
export function servingStart(schedule: ScheduleRecord, nowMs: number): number {
  if (!schedule.automaticBackfill) return nowMs;
  return Math.max(schedule.lastFiredAt ?? schedule.activeSince, schedule.activeSince);
}

export interface DueTicks {
  /** Oldest first. */
  ticks: number[];
  /** Whether older due ticks were left out (more than the limit were due). */
  skipped: boolean;
}

/** The ticks after `afterMs` and at or before `nowMs`: the most recent `limit` of them. */
export function dueTicks(
  cron: CronSchedule,
  afterMs: number,
  nowMs: number,
  limit: number,
): DueTicks {
  const ticks: number[] = [];
  // Walking back from now costs `limit` steps at most, however long the gap.
  let tick = cron.previous(nowMs + 1);
  while (tick !== null && tick > afterMs && ticks.length < limit) {
    ticks.push(tick);
    tick = cron.previous(tick);
  }
  return { ticks: ticks.reverse(), skipped: tick !== null && tick > afterMs };
}
