import type { AppMetric } from '@podium/protocol';

export const MINUTE_MS = 60_000;

/** The start of the minute `time` falls in. */
export function minuteOf(time: number): number {
  return Math.floor(time / MINUTE_MS) * MINUTE_MS;
}

/**
 * The minutes to collect at `now`: every completed minute after `collectedUpTo` (the start of the
 * first minute not yet collected), at most `catchUp` of them, the newest last. Not known (a new
 * process, or a new coordinator after a hand-over): all `catchUp` of them, since the minutes just
 * before may not have been collected by anyone, and collecting a minute again changes nothing.
 */
export function minutesToCollect(now: number, collectedUpTo: number | undefined, catchUp: number) {
  const current = minuteOf(now);
  const earliest = current - catchUp * MINUTE_MS;
  const from = Math.max(collectedUpTo ?? earliest, earliest);
  const minutes: number[] = [];
  for (let start = from; start < current; start += MINUTE_MS) minutes.push(start);
  return minutes;
}

/** Recoveries counted per minute and recovered executor version, as DBOS's `recovery_count`. */
export function recoveryCounts(
  appId: string,
  recoveries: readonly { at: Date; applicationVersion: string }[],
): AppMetric[] {
  const counts = new Map<string, { bucket: number; version: string; value: number }>();
  for (const { at, applicationVersion } of recoveries) {
    const bucket = minuteOf(at.getTime());
    const key = `${bucket}\u0000${applicationVersion}`;
    const entry = counts.get(key) ?? { bucket, version: applicationVersion, value: 0 };
    entry.value += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].map(({ bucket, version, value }) => ({
    appId,
    metricType: 'recovery_count',
    metricName: version,
    granularity: MINUTE_MS / 1_000,
    timeBucket: new Date(bucket).toISOString(),
    value,
  }));
}

/**
 * What a minute keeps of what an executor reports (it reports as it likes): names per metric
 * type, rows in all (the SDKs report two types, `workflow_count` and `step_count`), and the
 * longest type or name.
 */
export const MAX_NAMES_PER_MINUTE = 1_000;
export const MAX_ROWS_PER_MINUTE = 2 * MAX_NAMES_PER_MINUTE;
export const MAX_METRIC_NAME_CHARS = 1_024;

/**
 * The counts a minute keeps: per metric type the MAX_NAMES_PER_MINUTE largest, and of those the
 * MAX_ROWS_PER_MINUTE largest, types and names no longer than MAX_METRIC_NAME_CHARS (workflow and
 * step names are far shorter); and how many it drops.
 */
export function keptCounts<C extends { metricType: string; metricName: string; value: number }>(
  counts: readonly C[],
): { kept: C[]; dropped: number } {
  const byType = new Map<string, C[]>();
  for (const count of counts) {
    const tooLong = [count.metricType, count.metricName].some(
      (t) => t.length > MAX_METRIC_NAME_CHARS,
    );
    if (tooLong) continue;
    const ofType = byType.get(count.metricType);
    if (ofType) ofType.push(count);
    else byType.set(count.metricType, [count]);
  }
  const largestFirst = (a: C, b: C) => b.value - a.value;
  const kept = [...byType.values()]
    .flatMap((ofType) => ofType.sort(largestFirst).slice(0, MAX_NAMES_PER_MINUTE))
    .sort(largestFirst)
    .slice(0, MAX_ROWS_PER_MINUTE);
  return { kept, dropped: counts.length - kept.length };
}
