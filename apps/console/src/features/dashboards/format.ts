/** Display helpers shared by the dashboards' charts and tables. */
import { formatElapsed } from '../../lib/format';
import type { TimeZoneSetting } from '../../lib/time-zone';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A bucket start as the chart's axis shows it: `14:05`, with the day when the range spans days,
 * in the operator's time zone (as every timestamp the console shows).
 */
export function formatBucket(at: number, withDay = false, zone: TimeZoneSetting = 'local'): string {
  const d = new Date(at);
  const utc = zone === 'utc';
  const [month, day, hours, minutes] = utc
    ? [d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
    : [d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()];
  const time = `${pad(hours)}:${pad(minutes)}`;
  return withDay ? `${pad(month + 1)}-${pad(day)} ${time}` : time;
}

/** `0.25` → `25 %`; `—` when there is no rate (nothing finished). */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  return `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)} %`;
}

/** A duration in ms, `—` when unknown. */
export function formatMs(ms: number | null): string {
  return ms === null ? '—' : (formatElapsed(ms) ?? '—');
}
