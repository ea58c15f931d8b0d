import type { Queue } from '@podium/protocol/rest';

/** A queue's limits in words: `2 at once`, `10 per 60 s`, or `none`. */
export function describeLimits(queue: Queue): { concurrency: string; rateLimit: string } {
  const parts = [
    queue.concurrency !== null && `${queue.concurrency} at once`,
    queue.workerConcurrency !== null && `${queue.workerConcurrency} per executor`,
  ].filter(Boolean);
  const rateLimit =
    queue.rateLimitMax !== null && queue.rateLimitPeriodSecs !== null
      ? `${queue.rateLimitMax} per ${queue.rateLimitPeriodSecs} s`
      : 'none';
  return { concurrency: parts.join(', ') || 'unlimited', rateLimit };
}
