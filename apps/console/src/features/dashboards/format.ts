/** Display helpers shared by the dashboards' charts and tables. */
import { formatElapsed } from '../../lib/format';

const pad = (n: number) => String(n).padStart(2, '0');

/** A bucket start as the chart's axis shows it: `14:05`, with the day when the range spans days. */
export function formatBucket(at: number, withDay = false): string {
  const d = new Date(at);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withDay ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
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
