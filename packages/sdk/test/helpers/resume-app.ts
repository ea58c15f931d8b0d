/** The app both resume suites (public API and conductor agent) run. */
import type { Podium } from '../../src';
import { defineGatedWorkflow } from './gated-workflow';
import { deferred, type RunLog } from './util';

export { INTERNAL_QUEUE } from '../../src/engine/management';

/**
 * Two queues (`serial` holds one at a time) and six workflows: `gated` (steps a, b, c; b waits
 * for `gate`), `listener` (its first step runs until the execution is told to stop), `fetcher`
 * (its first step fails when told to stop, as a `fetch` given `ctx.signal` does), `waiter`
 * (waits for a message), `job` and `boom` (fails in its step).
 */
export function defineResumeApp(podium: Podium, log: RunLog, gate = deferred()) {
  podium.queue('serial', { concurrency: 1 });
  podium.queue('other');
  const gated = defineGatedWorkflow(podium, log, gate);
  /** Its first step runs until the execution is told to stop. */
  const listener = podium.workflow('listener', async (ctx) => {
    const why = await ctx.step('listen', () => {
      log.hit('listening');
      return new Promise<string>((resolve) => {
        ctx.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
      });
    });
    await ctx.step('after', () => log.hit('after'));
    return why;
  });
  /** Its first step fails when the execution is told to stop, and succeeds when run again. */
  const fetcher = podium.workflow('fetcher', async (ctx) =>
    ctx.step('fetch', () => {
      log.hit('fetching');
      if (log.count('fetching') > 1) return 'fetched';
      return new Promise<string>((_, reject) => {
        const abort = () => reject(new Error('This operation was aborted'));
        ctx.signal.addEventListener('abort', abort, { once: true });
      });
    }),
  );
  const waiter = podium.workflow('waiter', async (ctx) => {
    await ctx.step('begin', () => log.hit('begin'));
    return ctx.recv<string>('go', 600_000);
  });
  const job = podium.workflow('job', async (ctx, label: string) => {
    await ctx.step('work', () => log.hit(label));
    return label;
  });
  const boom = podium.workflow('boom', async (ctx) => {
    await ctx.step('fail', () => {
      log.hit('fail');
      throw new Error('boom');
    });
  });
  return { gated, listener, fetcher, waiter, job, boom, gate };
}
