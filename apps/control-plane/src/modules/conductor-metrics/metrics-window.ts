const MINUTE_MS = 60_000;

/** A clock-aligned minute, `[start, end)`. */
export interface MetricsWindow {
  readonly start: Date;
  readonly end: Date;
}

/**
 * The last completed clock-aligned minute at `nowMs`: at 12:34:00.000 and at 12:34:59.999 it is
 * [12:33, 12:34). What `/v1/metrics` reports, and half of its cache key.
 */
export function lastCompletedMinute(nowMs: number): MetricsWindow {
  const end = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  return { start: new Date(end - MINUTE_MS), end: new Date(end) };
}

/** Seconds in a window: rates are counts per second over it. */
export const WINDOW_SECONDS = MINUTE_MS / 1000;
