import type { Queue } from '@podium/protocol/rest';

/** For tests: a queue with no limit of any kind, to spread limits over. */
export const unlimitedQueue: Queue = {
  name: 'media',
  concurrency: null,
  workerConcurrency: null,
  rateLimitMax: null,
  rateLimitPeriodSeconds: null,
  priorityEnabled: null,
  partitioned: null,
  pollingIntervalSeconds: null,
  applicationName: null,
  partitionConcurrency: null,
  partitionWorkerConcurrency: null,
  partitionRateLimitMax: null,
  partitionRateLimitPeriodSeconds: null,
};
