/**
 * A cron expression in a time zone, and the instants it fires at ("ticks").
 *
 * A tick is every whole second whose wall-clock time in the zone matches the expression. So a
 * local time skipped by a daylight-saving jump never fires, and one repeated when clocks go
 * back fires twice (once per instant), as in DBOS Transact. Without a zone, times are UTC:
 * every process then agrees on the ticks whatever its own zone (DBOS uses the process's zone).
 *
 * Ticks are found day by day in the zone's calendar, then within a matching day by hour,
 * minute and second, skipping whatever cannot hold an earlier (or later) tick; a day's UTC
 * offsets (at most one change per day) are computed once and cached.
 */
import {
  type CronFields,
  CronSyntaxError,
  type DayOfMonthRule,
  type DayOfWeekRule,
  parseCronFields,
} from './cron-fields';
import {
  dayStart,
  daysInMonth,
  isValidTimeZone,
  type LocalDate,
  localDateOf,
  offsetAt,
  wallClock,
  weekdayOf,
} from './wall-clock';

export { CronSyntaxError };

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Farther than any real recurrence (`0 0 29 2 1` fires every 5 to 28 years). */
const HORIZON_DAYS = 366 * 100;

/** +1: the first tick after an instant; -1: the last tick before it. */
type Direction = 1 | -1;

/** The offsets in effect during one local day, and when they change (if they do). */
interface DayOffsets {
  day: number;
  before: number;
  after: number;
  /** First instant on `after` (meaningful when the offsets differ). */
  change: number;
}

export class CronSchedule {
  private readonly fields: CronFields;
  private readonly timeZone: string | undefined;
  private cachedOffsets: DayOffsets | undefined;

  /**
   * Throws `CronSyntaxError` for an expression DBOS would refuse, or an unknown `timeZone`.
   * @param timeZone an IANA zone, e.g. `America/New_York`; null, undefined or '' mean UTC
   */
  constructor(
    readonly expression: string,
    timeZone?: string | null,
  ) {
    this.fields = parseCronFields(expression);
    if (timeZone !== undefined && timeZone !== null && timeZone !== '') {
      if (!isValidTimeZone(timeZone)) {
        throw new CronSyntaxError(expression, `unknown time zone "${timeZone}"`);
      }
      this.timeZone = timeZone;
    }
  }

  /** The first tick strictly after `epochMs`, or null if there is none within a century. */
  next(epochMs: number): number | null {
    return this.search(epochMs, 1);
  }

  /** The last tick strictly before `epochMs`, or null if there is none within a century. */
  previous(epochMs: number): number | null {
    return this.search(epochMs, -1);
  }

  /** Ticks strictly after `afterMs` and strictly before `beforeMs`, oldest first. */
  *between(afterMs: number, beforeMs: number): Generator<number> {
    for (let tick = this.next(afterMs); tick !== null && tick < beforeMs; tick = this.next(tick)) {
      yield tick;
    }
  }

  private search(fromMs: number, direction: Direction): number | null {
    const start = wallClock(fromMs, this.timeZone);
    // One day of margin: an offset change can put the answer on the neighbouring local date.
    let day = dayStart(start) - direction * DAY_MS;
    let found: number | null = null;
    for (let i = 0; i < HORIZON_DAYS; i++) {
      const date = localDateOf(day);
      const inMonth = this.fields.months.has(date.month);
      const runs = inMonth && this.runsOn(date);
      // The day after a find may still hold a better tick (clocks going back over midnight);
      // any later day cannot, offsets differing by less than a day.
      if (found !== null) return runs ? this.bestOnDay(day, fromMs, direction, found) : found;
      if (runs) found = this.bestOnDay(day, fromMs, direction, null);
      day = inMonth ? day + direction * DAY_MS : skipMonth(date, direction);
    }
    return found;
  }

  private runsOn(date: LocalDate): boolean {
    const last = daysInMonth(date.year, date.month);
    const weekday = weekdayOf(date);
    return (
      this.fields.daysOfMonth.some((rule) => dayOfMonthMatches(rule, date, last)) &&
      this.fields.daysOfWeek.some((rule) => dayOfWeekMatches(rule, date.day, weekday, last))
    );
  }

  /**
   * The best tick of one local day: the earliest after `fromMs` (direction 1), or the latest
   * before it (-1), and better than `best` when one is given.
   */
  private bestOnDay(
    day: number,
    fromMs: number,
    direction: Direction,
    best: number | null,
  ): number | null {
    const offsets = this.offsetsOn(day);
    const low = Math.min(offsets.before, offsets.after);
    const high = Math.max(offsets.before, offsets.after);
    const better = (instant: number) =>
      direction === 1
        ? instant > fromMs && (best === null || instant < best)
        : instant < fromMs && (best === null || instant > best);
    // A span of local time [from, from + length) maps to instants in [from - high, from + length - low).
    const hopeless = (from: number, length: number) =>
      direction === 1 ? from + length - low <= fromMs : from - high >= fromMs;
    const beaten = (from: number, length: number) =>
      best !== null && (direction === 1 ? from - high >= best : from + length - low <= best);
    const ordered = (values: number[]) => (direction === 1 ? values : [...values].reverse());

    for (const hour of ordered(this.fields.hours)) {
      const hourStart = day + hour * HOUR_MS;
      if (beaten(hourStart, HOUR_MS)) break;
      if (hopeless(hourStart, HOUR_MS)) continue;
      for (const minute of ordered(this.fields.minutes)) {
        const minuteStart = hourStart + minute * MINUTE_MS;
        if (beaten(minuteStart, MINUTE_MS)) break;
        if (hopeless(minuteStart, MINUTE_MS)) continue;
        for (const second of ordered(this.fields.seconds)) {
          const local = minuteStart + second * SECOND_MS;
          if (beaten(local, SECOND_MS)) break;
          for (const instant of instantsOf(local, offsets)) {
            if (better(instant)) best = instant;
          }
        }
      }
    }
    return best;
  }

  private offsetsOn(day: number): DayOffsets {
    if (this.cachedOffsets?.day === day) return this.cachedOffsets;
    // Every instant whose local date is `day` lies in this window (offsets span -12 h to +14 h).
    let low = day - 14 * HOUR_MS;
    let high = day + DAY_MS + 12 * HOUR_MS;
    const before = offsetAt(low, this.timeZone);
    const after = offsetAt(high, this.timeZone);
    if (before !== after) {
      while (high - low > SECOND_MS) {
        const middle = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
        if (offsetAt(middle, this.timeZone) === before) low = middle;
        else high = middle;
      }
    }
    this.cachedOffsets = { day, before, after, change: high };
    return this.cachedOffsets;
  }
}

/** The instants showing local time `local` (none in a gap, two in a repeated hour). */
function instantsOf(local: number, { before, after, change }: DayOffsets): number[] {
  if (before === after) return [local - before];
  const instants: number[] = [];
  if (local - before < change) instants.push(local - before);
  if (local - after >= change) instants.push(local - after);
  return instants;
}

/** The first day of the next month (forward) or the last day of the previous one. */
function skipMonth(date: LocalDate, direction: Direction): number {
  return direction === 1
    ? Date.UTC(date.year, date.month, 1)
    : Date.UTC(date.year, date.month - 1, 1) - DAY_MS;
}

function dayOfMonthMatches(rule: DayOfMonthRule, date: LocalDate, last: number): boolean {
  switch (rule.kind) {
    case 'day':
      return rule.day === date.day;
    case 'last':
      return last - rule.offset === date.day;
    case 'nearestWeekday':
      return nearestWeekday(date, rule.day === 'last' ? last : rule.day, last) === date.day;
  }
}

/** The weekday (Monday to Friday) nearest to day `target` within its month; -1 if none. */
function nearestWeekday(date: LocalDate, target: number, last: number): number {
  if (target > last) return -1;
  const weekday = weekdayOf({ ...date, day: target });
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function dayOfWeekMatches(rule: DayOfWeekRule, day: number, weekday: number, last: number) {
  if (rule.weekday !== weekday) return false;
  switch (rule.kind) {
    case 'weekday':
      return true;
    case 'nth':
      return Math.ceil(day / 7) === rule.nth;
    case 'lastOfMonth':
      return day + 7 > last;
  }
}
