/** `59` → `59 s`, `3725` → `1 h 2 min`, `90061` → `1 d 1 h 1 min`. */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < 60) return `${seconds} s`;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const parts = [days && `${days} d`, hours && `${hours} h`, `${minutes} min`];
  return parts.filter(Boolean).join(' ');
}

/** Milliseconds with one decimal below 10 ms, whole above: `1.6 ms`, `42 ms`. */
export function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO timestamp, sortable and dense: `2026-11-22 07:40:06` in the browser's time zone, or
 * `2026-11-22 06:40:06 UTC` with `zone` `utc`.
 */
export function formatDateTime(iso: string, zone: 'local' | 'utc' = 'local'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (zone === 'utc') {
    return (
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
    );
  }
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** `12 s ago`, `3 min ago`, `2 h ago`, `5 d ago`; `in 3 d` for the future. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  const size = Math.abs(seconds);
  const amount =
    size < 60
      ? `${size} s`
      : size < 3_600
        ? `${Math.floor(size / 60)} min`
        : size < 86_400
          ? `${Math.floor(size / 3_600)} h`
          : `${Math.floor(size / 86_400)} d`;
  if (size < 5) return 'just now';
  return seconds >= 0 ? `${amount} ago` : `in ${amount}`;
}

/** Time left until `iso`, to the second below an hour ("4 min 12 s"); "0 s" once it passed. */
export function formatCountdown(iso: string, now: number = Date.now()): string {
  const left = Math.max(0, Math.round((Date.parse(iso) - now) / 1000));
  if (left < 60) return `${left} s`;
  if (left < 3_600) return `${Math.floor(left / 60)} min ${left % 60} s`;
  if (left < 86_400) return `${Math.floor(left / 3_600)} h ${Math.floor((left % 3_600) / 60)} min`;
  return `${Math.floor(left / 86_400)} d ${Math.floor((left % 86_400) / 3_600)} h`;
}

/** Milliseconds between two ISO timestamps, as `403 ms`, `1.2 s`, `2 min 5 s`; null if either is missing. */
export function formatDuration(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
): string | null {
  if (!startIso || !endIso) return null;
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  return formatElapsed(ms);
}

/** A span of milliseconds as `403 ms`, `1.2 s`, `2 min 5 s`; null when negative or not a number. */
export function formatElapsed(ms: number): string | null {
  if (Number.isNaN(ms) || ms < 0) return null;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1_000);
  return minutes < 60 ? `${minutes} min ${seconds} s` : formatUptime(ms / 1_000);
}
