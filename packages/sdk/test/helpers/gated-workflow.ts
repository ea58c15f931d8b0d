/** A workflow the recovery and resume suites share: it can be held in the middle. */
import type { Podium } from '../../src';
import type { Deferred, RunLog } from './util';

/** `gated`: steps a, b and c, logged; b waits for `gate`. Returns `'done'`. */
export function defineGatedWorkflow(podium: Podium, log: RunLog, gate: Deferred) {
  return podium.workflow('gated', async (ctx) => {
    await ctx.step('a', () => log.hit('a'));
    await ctx.step('b', async () => {
      log.hit('b');
      await gate.promise;
    });
    await ctx.step('c', () => log.hit('c'));
    return 'done';
  });
}
