/** Queue depth and the age of the oldest enqueued workflow, per queue the operator declared. */

export interface QueueCount {
  queueName: string | null;
  count: number;
  /** Epoch ms of the oldest ENQUEUED workflow's creation; null when unknown. */
  minCreatedAt: number | null;
}

export interface QueueBacklog {
  queueName: string;
  depth: number;
  /** How long the oldest has waited, ms; null when unknown. */
  oldestAgeMs: number | null;
}

/** Deepest queue first; workflows on no queue and executors' internal queues are left out. */
export function queueBacklog(
  counts: readonly QueueCount[],
  now: number,
  isInternal: (name: string) => boolean,
): QueueBacklog[] {
  return counts
    .filter((row): row is QueueCount & { queueName: string } => row.queueName !== null)
    .filter((row) => !isInternal(row.queueName))
    .map((row) => ({
      queueName: row.queueName,
      depth: row.count,
      oldestAgeMs: row.minCreatedAt === null ? null : Math.max(0, now - row.minCreatedAt),
    }))
    .sort((a, b) => b.depth - a.depth || a.queueName.localeCompare(b.queueName));
}
