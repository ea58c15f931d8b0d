import type { z } from 'zod';

/**
 * Bounds on an aggregate's time buckets. The executor returns a row per bucket that holds
 * anything, built in memory (DBOS TypeScript serializes it outside its error handling): a
 * millisecond bucket over a large application's history is millions of rows, enough to take it
 * down. A window (`start` .. `end`, or now) holds at most MAX_TIME_BUCKETS buckets; without a
 * start, a bucket is at least an hour (MAX_TIME_BUCKETS of those span eleven years).
 */
export const MAX_TIME_BUCKETS = 100_000;
export const MIN_TIME_BUCKET_MS = 1_000;
export const MIN_OPEN_WINDOW_BUCKET_MS = 3_600_000;

/** Adds the bounds on `timeBucketSizeMs` to a request whose window is `[startKey, endKey]`. */
export function checkTimeBuckets<K extends string>(startKey: K, endKey: K) {
  return (
    body: { timeBucketSizeMs?: number | undefined } & Partial<Record<K, string | undefined>>,
    ctx: z.core.$RefinementCtx,
  ): void => {
    const bucket = body.timeBucketSizeMs;
    if (bucket === undefined) return;
    const fail = (message: string) =>
      ctx.addIssue({ code: 'custom', message, path: ['timeBucketSizeMs'] });
    if (bucket < MIN_TIME_BUCKET_MS) {
      return fail(`at least ${MIN_TIME_BUCKET_MS} ms`);
    }
    const start = body[startKey];
    if (start === undefined) {
      if (bucket < MIN_OPEN_WINDOW_BUCKET_MS) {
        fail(`at least ${MIN_OPEN_WINDOW_BUCKET_MS} ms without ${startKey}; give a window`);
      }
      return;
    }
    const end = body[endKey];
    const windowMs = (end === undefined ? Date.now() : Date.parse(end)) - Date.parse(start);
    if (windowMs / bucket > MAX_TIME_BUCKETS) {
      fail(`at most ${MAX_TIME_BUCKETS} buckets in the window: longer buckets or a shorter window`);
    }
  };
}
