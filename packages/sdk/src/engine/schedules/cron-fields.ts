/**
 * Parses a cron expression into the values each field allows, accepting what DBOS Transact
 * TypeScript accepts: 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds
 * first); `*`, `?` (a whole day field), lists, ranges (an inverted range wraps: hours `22-2`),
 * steps on `*` and on ranges (`*\/15`, `10-40/10`); month and week-day names; day-of-week 7 for
 * Sunday; `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`; and
 * the Quartz day tokens `L`, `L-n`, `nW`, `LW` (day of month), `nL`, `n#m` (day of week).
 *
 * Both day fields must match (as DBOS, unlike Vixie cron's "either"). An expression that can
 * never fire because no listed day exists in any listed month (`0 0 30 2 *`) is refused.
 * Every problem throws `CronSyntaxError` naming the field.
 */

import { CRON_SHORTHANDS } from '@podium/protocol';

export class CronSyntaxError extends Error {
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`Invalid cron expression "${expression}": ${detail}`);
    this.name = 'CronSyntaxError';
  }
}

/** A day-of-month token beyond plain numbers. */
export type DayOfMonthRule =
  | { kind: 'day'; day: number }
  | { kind: 'last'; offset: number } // L, L-n
  | { kind: 'nearestWeekday'; day: number | 'last' }; // nW, LW

/** A day-of-week token beyond plain numbers (0 = Sunday). */
export type DayOfWeekRule =
  | { kind: 'weekday'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number } // n#m
  | { kind: 'lastOfMonth'; weekday: number }; // nL

export interface CronFields {
  /** Sorted ascending, as are minutes and hours. */
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: ReadonlySet<number>;
  daysOfMonth: DayOfMonthRule[];
  daysOfWeek: DayOfWeekRule[];
}

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const FULL_MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** Days each month can have (February counted as 29). */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface Bounds {
  name: string;
  min: number;
  max: number;
}

const SECOND: Bounds = { name: 'second', min: 0, max: 59 };
const MINUTE: Bounds = { name: 'minute', min: 0, max: 59 };
const HOUR: Bounds = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: Bounds = { name: 'day of month', min: 1, max: 31 };
const MONTH: Bounds = { name: 'month', min: 1, max: 12 };
// 7 is Sunday too; folded into 0 after ranges are expanded, so `5-7` is Friday to Sunday.
const DAY_OF_WEEK: Bounds = { name: 'day of week', min: 0, max: 7 };

export function parseCronFields(expression: string): CronFields {
  if (typeof expression !== 'string') throw new CronSyntaxError(String(expression), 'not a string');
  const source = CRON_SHORTHANDS[expression.trim().toLowerCase()] ?? expression;
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw new CronSyntaxError(expression, `expected 5 or 6 fields, got ${parts.length}`);
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = (
    parts.length === 5 ? ['0', ...parts] : parts
  ) as [string, string, string, string, string, string];
  const fail = (bounds: Bounds, field: string) =>
    new CronSyntaxError(expression, `"${field}" is not a valid ${bounds.name}`);
  const numbers = (field: string, bounds: Bounds, names?: string[][]) => {
    const values = parseNumberList(withNames(field, names), bounds);
    if (values === undefined) throw fail(bounds, field);
    return values;
  };

  // In field order, so the first bad field is the one reported.
  const seconds = numbers(second, SECOND);
  const minutes = numbers(minute, MINUTE);
  const hours = numbers(hour, HOUR);
  const daysOfMonth = parseDaysOfMonth(dayOfMonth === '?' ? '*' : dayOfMonth);
  if (daysOfMonth === undefined) throw fail(DAY_OF_MONTH, dayOfMonth);
  const months = numbers(month, MONTH, [MONTH_NAMES, FULL_MONTH_NAMES]);
  const daysOfWeek = parseDaysOfWeek(
    withNames(dayOfWeek === '?' ? '*' : dayOfWeek, [WEEKDAY_NAMES, FULL_WEEKDAY_NAMES]),
  );
  if (daysOfWeek === undefined) throw fail(DAY_OF_WEEK, dayOfWeek);
  const plainDays = daysOfMonth.every((rule) => rule.kind === 'day');
  if (
    plainDays &&
    !months.some((m) =>
      daysOfMonth.some((rule) => rule.kind === 'day' && rule.day <= (LONGEST_MONTH[m - 1] ?? 0)),
    )
  ) {
    throw new CronSyntaxError(expression, `day "${dayOfMonth}" never occurs in month "${month}"`);
  }
  return {
    seconds,
    minutes,
    hours,
    months: new Set(months),
    daysOfMonth,
    daysOfWeek,
  };
}

/** Replaces month or week-day names by their numbers (longest names first). */
function withNames(field: string, names: string[][] | undefined): string {
  if (names === undefined) return field;
  const base = names[0] === WEEKDAY_NAMES ? 0 : 1;
  let result = field.toLowerCase();
  for (const list of [...names].reverse()) {
    list.forEach((name, index) => (result = result.replaceAll(name, String(index + base))));
  }
  return result;
}

const INTEGER = /^\d+$/;

/** A comma list of `*`, `*\/s`, `n`, `a-b`, `a-b/s`; sorted unique values, or undefined. */
function parseNumberList(field: string, bounds: Bounds): number[] | undefined {
  const values = new Set<number>();
  for (const token of field.split(',')) {
    const expanded = expandToken(token, bounds);
    if (expanded === undefined) return undefined;
    expanded.forEach((value) => values.add(value));
  }
  return [...values].sort((a, b) => a - b);
}

function expandToken(token: string, bounds: Bounds): number[] | undefined {
  const [range = '', stepText, ...rest] = token.split('/');
  if (rest.length > 0) return undefined;
  let step = 1;
  if (stepText !== undefined) {
    if (!INTEGER.test(stepText)) return undefined;
    step = Number(stepText);
    if (step < 1) return undefined;
  }
  if (range === '*') return rangeValues(bounds.min, bounds.max, step, bounds);
  const ends = range.split('-');
  if (!ends.every((end) => INTEGER.test(end))) return undefined;
  const [first, last] = ends.map(Number) as [number, number | undefined];
  if (last === undefined) {
    // A single value takes no step (DBOS refuses `5/15`).
    return stepText === undefined && inBounds(first, bounds) ? [first] : undefined;
  }
  if (ends.length !== 2 || !inBounds(first, bounds) || !inBounds(last, bounds)) return undefined;
  return rangeValues(first, last, step, bounds);
}

/** `first` to `last` by `step`; an inverted range wraps past the field's maximum. */
function rangeValues(first: number, last: number, step: number, bounds: Bounds): number[] {
  const size = bounds.max - bounds.min + 1;
  const span = (((last - first) % size) + size) % size;
  const values: number[] = [];
  for (let offset = 0; offset <= span; offset += step) {
    const value = first + offset;
    values.push(value > bounds.max ? value - size : value);
  }
  return values;
}

const inBounds = (value: number, bounds: Bounds) => value >= bounds.min && value <= bounds.max;

function parseDaysOfMonth(field: string): DayOfMonthRule[] | undefined {
  const rules: DayOfMonthRule[] = [];
  for (const raw of field.split(',')) {
    const token = raw.toUpperCase();
    const offset = /^L(?:-(\d{1,2}))?$/.exec(token);
    const nearest = /^(\d{1,2}|L)W$/.exec(token);
    if (offset !== null) {
      const n = Number(offset[1] ?? 0);
      if (offset[1] !== undefined && (n < 1 || n > 30)) return undefined;
      rules.push({ kind: 'last', offset: n });
    } else if (nearest !== null) {
      const day = nearest[1] === 'L' ? 'last' : Number(nearest[1]);
      if (day !== 'last' && !inBounds(day, DAY_OF_MONTH)) return undefined;
      rules.push({ kind: 'nearestWeekday', day });
    } else {
      const days = parseNumberList(token, DAY_OF_MONTH);
      if (days === undefined) return undefined;
      rules.push(...days.map((day) => ({ kind: 'day' as const, day })));
    }
  }
  return rules;
}

function parseDaysOfWeek(field: string): DayOfWeekRule[] | undefined {
  const rules: DayOfWeekRule[] = [];
  const sunday = (weekday: number) => weekday % 7;
  for (const raw of field.split(',')) {
    const token = raw.toUpperCase();
    const nth = /^([0-7])#([1-5])$/.exec(token);
    const last = /^([0-7])L$/.exec(token);
    if (nth !== null) {
      rules.push({ kind: 'nth', weekday: sunday(Number(nth[1])), nth: Number(nth[2]) });
    } else if (last !== null) {
      rules.push({ kind: 'lastOfMonth', weekday: sunday(Number(last[1])) });
    } else {
      const days = parseNumberList(token, DAY_OF_WEEK);
      if (days === undefined) return undefined;
      rules.push(...days.map((day) => ({ kind: 'weekday' as const, weekday: sunday(day) })));
    }
  }
  return rules;
}
