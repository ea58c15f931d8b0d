/**
 * Wall-clock time in an IANA time zone, from the runtime's `Intl` data. `undefined` means UTC,
 * computed without `Intl`. Offsets are "local minus UTC" in milliseconds.
 */

export interface LocalDate {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
}

export interface LocalTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

// A DateTimeFormat is costly to build: one per zone, for the life of the process.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows the zone (`Europe/Paris`, `UTC`, ...). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(epochMs: number, timeZone: string | undefined): LocalTime {
  if (timeZone === undefined) {
    const date = new Date(epochMs);
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset in effect at an instant (whole seconds). */
export function offsetAt(epochMs: number, timeZone: string | undefined): number {
  if (timeZone === undefined) return 0;
  const t = wallClock(epochMs, timeZone);
  const local = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return local - Math.floor(epochMs / 1000) * 1000;
}

/** A local date as the epoch ms of its midnight read as UTC (a number to do day arithmetic on). */
export const dayStart = (date: LocalDate): number => Date.UTC(date.year, date.month - 1, date.day);

export function localDateOf(dayStartMs: number): LocalDate {
  const date = new Date(dayStartMs);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export const weekdayOf = (date: LocalDate): number => new Date(dayStart(date)).getUTCDay();

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();
