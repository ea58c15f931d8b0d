/**
 * Executors connected per application version over time, from the control plane's executor
 * records (each a span from connecting to disconnecting): an executor counts in every bucket its
 * span overlaps.
 */
import { bucketStarts, type TimeWindow } from './time-range';

export interface ExecutorSpan {
  version: string;
  /** Epoch ms. */
  connectedAt: number;
  /** Epoch ms; null while it is connected. */
  endedAt: number | null;
}

export interface VersionSeries {
  /** Versions seen in the window, oldest first to connect. */
  versions: string[];
  /** One row per bucket: `bucket` plus a count per version. */
  rows: Array<{ bucket: number; counts: Record<string, number> }>;
}

export function executorsByVersion(
  spans: readonly ExecutorSpan[],
  window: TimeWindow,
): VersionSeries {
  const inWindow = spans
    .filter((span) => span.connectedAt < window.end && (span.endedAt ?? Infinity) >= window.start)
    .sort((a, b) => a.connectedAt - b.connectedAt);
  const versions = [...new Set(inWindow.map((span) => span.version))];
  const rows = bucketStarts(window).map((bucket) => {
    const counts = Object.fromEntries(versions.map((version) => [version, 0]));
    const bucketEnd = bucket + window.bucketMs;
    for (const span of inWindow) {
      if (span.connectedAt < bucketEnd && (span.endedAt ?? Infinity) >= bucket) {
        counts[span.version] = (counts[span.version] ?? 0) + 1;
      }
    }
    return { bucket, counts };
  });
  return { versions, rows };
}
