/**
 * The overview's time-range presets: how far back it looks and how wide each chart bucket is
 * (about 15-60 buckets per chart, so bars stay readable at any range).
 */
export const TIME_RANGES = [
  { id: '15m', label: '15 min', spanMs: 15 * 60_000, bucketMs: 60_000 },
  { id: '1h', label: '1 h', spanMs: 60 * 60_000, bucketMs: 60_000 },
  { id: '6h', label: '6 h', spanMs: 6 * 60 * 60_000, bucketMs: 10 * 60_000 },
  { id: '24h', label: '24 h', spanMs: 24 * 60 * 60_000, bucketMs: 30 * 60_000 },
] as const;

export type TimeRange = (typeof TIME_RANGES)[number];
export type TimeRangeId = TimeRange['id'];

export const DEFAULT_TIME_RANGE: TimeRange = TIME_RANGES[1];

/** The preset named in the URL (`?range=6h`); the default for anything else. */
export function timeRangeOf(id: string | null | undefined): TimeRange {
  return TIME_RANGES.find((range) => range.id === id) ?? DEFAULT_TIME_RANGE;
}

/** A window's bucket-aligned bounds: `start` is the first bucket's start, `end` is `now`. */
export interface TimeWindow {
  start: number;
  end: number;
  bucketMs: number;
}

/**
 * The window ending at `now`, its start aligned down to a bucket boundary (the executors bucket
 * on multiples of the bucket size since the epoch, so ours line up with theirs).
 */
export function windowOf(range: TimeRange, now: number): TimeWindow {
  const start = Math.floor((now - range.spanMs) / range.bucketMs) * range.bucketMs;
  return { start, end: now, bucketMs: range.bucketMs };
}

/** Every bucket start in the window, oldest first. */
export function bucketStarts(window: TimeWindow): number[] {
  const starts: number[] = [];
  for (let at = window.start; at < window.end; at += window.bucketMs) starts.push(at);
  return starts;
}

/** The start of the bucket holding `at`. */
export function bucketOf(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}
