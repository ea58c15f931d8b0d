// The backfill form's window: two `<input type="datetime-local">` values, read in the time
// zone the operator chose for the console (local or UTC, lib/time-zone.ts).
import type { TimeZoneSetting } from '../../lib/time-zone';

const INPUT_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The instant an input's value names in `zone`; null for an empty or unreadable value. */
export function parseWindowInput(value: string, zone: TimeZoneSetting): Date | null {
  if (!INPUT_VALUE.test(value)) return null;
  const date = new Date(zone === 'utc' ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `date` as an input's value in `zone`, to the minute. */
export function toWindowInput(date: Date, zone: TimeZoneSetting): string {
  const shifted =
    zone === 'utc' ? date : new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** The window a backfill form opens with: the last 24 hours, to the minute. */
export function defaultWindow(now: Date, zone: TimeZoneSetting): { start: string; end: string } {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return {
    start: toWindowInput(new Date(end.getTime() - 24 * 3600_000), zone),
    end: toWindowInput(end, zone),
  };
}
