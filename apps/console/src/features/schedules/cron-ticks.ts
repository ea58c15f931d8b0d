// When a schedule's cron expression fires, computed in the browser with croner (DBOS's cron
// dialect: five fields, or six with seconds first; day-of-month OR day-of-week as in Vixie
// cron). Used for a schedule's next run and for the number of runs a backfill will start.
import { Cron } from 'croner';

/** Past this many ticks a window's count stops (a `* * * * * *` over a year is 31 million). */
export const TICK_COUNT_CEILING = 10_000;

export type TickCount =
  | {
      ok: true;
      count: number;
      /** More ticks than the ceiling: `count` is the ceiling. */ capped: boolean;
    }
  | { ok: false; reason: string };

function cronOf(expression: string, timeZone: string | null): Cron {
  return new Cron(expression, {
    mode: '5-or-6-parts',
    timezone: timeZone ?? 'UTC',
    domAndDow: false,
  });
}

/** The first tick strictly after `after`; null when the expression never fires again or is invalid. */
export function nextTick(expression: string, timeZone: string | null, after: Date): Date | null {
  try {
    return cronOf(expression, timeZone).nextRun(after);
  } catch {
    return null;
  }
}

/** How many ticks fall in `[start, end)`: the runs a backfill of that window enqueues at most. */
export function countTicks(
  expression: string,
  timeZone: string | null,
  start: Date,
  end: Date,
  ceiling: number = TICK_COUNT_CEILING,
): TickCount {
  if (!(start.getTime() < end.getTime())) {
    return { ok: false, reason: 'The end must be after the start.' };
  }
  let cron: Cron;
  try {
    cron = cronOf(expression, timeZone);
  } catch (error) {
    return { ok: false, reason: `The cron expression cannot be read: ${String(error)}` };
  }
  let count = 0;
  // One millisecond back: a tick exactly at `start` is in the window.
  let tick = cron.nextRun(new Date(start.getTime() - 1));
  while (tick && tick.getTime() < end.getTime()) {
    if (count === ceiling) return { ok: true, count, capped: true };
    count += 1;
    tick = cron.nextRun(tick);
  }
  return { ok: true, count, capped: false };
}

/** What a backfill window holds, in words, for the form to show before anything starts. */
export function describeTickCount(ticks: TickCount): string {
  if (!ticks.ok) return ticks.reason;
  if (ticks.capped) {
    return `More than ${TICK_COUNT_CEILING.toLocaleString('en')} ticks: choose a shorter window.`;
  }
  if (ticks.count === 0) return 'No tick falls in this window: nothing would start.';
  const plural = ticks.count === 1 ? '' : 's';
  return `This window holds ${ticks.count} tick${plural}: up to ${ticks.count} run${plural} will start (ticks that already ran are skipped).`;
}
