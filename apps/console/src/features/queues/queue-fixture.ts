import type { Queue } from '@podium/protocol/rest';

/** For tests: a queue with no limit of any kind, to spread limits over. */
export const unlimitedQueue: Queue = {
  name: 'media',
  concurrency: null,
  workerConcurrency: null,
  rateLimitMax: null,
  rateLimitPeriodSecs: null,
  priorityEnabled: null,
  partitionQueue: false,
  pollingIntervalSecs: null,
  applicationName: null,
  partitionConcurrency: null,
  partitionWorkerConcurrency: null,
  partitionRateLimitMax: null,
  partitionRateLimitPeriodSecs: null,
};
