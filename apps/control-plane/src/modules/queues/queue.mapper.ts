import type { Queue, QueueOutput } from '@podium/protocol';

/** DBOS `QueueOutput` (snake_case) → the REST queue. Absent limits become null. */
export function mapQueue(q: QueueOutput): Queue {
  return {
    name: q.name,
    concurrency: q.concurrency ?? null,
    workerConcurrency: q.worker_concurrency ?? null,
    rateLimitMax: q.rate_limit_max ?? null,
    rateLimitPeriodSecs: q.rate_limit_period_sec ?? null,
    priorityEnabled: q.priority_enabled ?? null,
    partitionQueue: q.partition_queue ?? false,
    pollingIntervalSecs: q.polling_interval_sec ?? null,
    applicationName: q.application_name ?? null,
    partitionConcurrency: q.partition_concurrency ?? null,
    partitionWorkerConcurrency: q.partition_worker_concurrency ?? null,
    partitionRateLimitMax: q.partition_rate_limit_max ?? null,
    partitionRateLimitPeriodSecs: q.partition_rate_limit_period_sec ?? null,
  };
}
