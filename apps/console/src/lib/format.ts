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
