/**
 * The @podium/sdk twins of the DBOS fixture's workflows (../fixtures/dbos-history-app.cjs),
 * line for line, and the same scenario: both executors hold comparable data, so the same
 * request must get answers with the same fields and meanings. Keep both files in step.
 */
import type { Podium } from '../../../src';

export interface TwinIds {
  talker: string;
  flaky: string;
  waiting: string;
}

export function defineTwins(podium: Podium) {
  const talker = podium.workflow('talker', async (ctx) => {
    await ctx.setEvent('progress', { phase: 'start' });
    await ctx.setEvent('progress', { phase: 'done', n: 2 });
    await ctx.setEvent('tags', ['a', 'b']);
    await ctx.writeStream('log', 'line 1');
    await ctx.writeStream('log', { line: 2, nested: { deep: [1, 2, 3] } });
    await ctx.closeStream('log');
    await ctx.writeStream('open', 42);
    return ctx.recv('greeting', 600_000);
  });

  let riskyAttempts = 0;
  const flaky = podium.workflow('flaky', async (ctx) => {
    await ctx.step('prepare', () => 'ready');
    await ctx.setEvent('stage', 'prepared');
    await ctx.writeStream('log', 'before');
    const message = await ctx.recv<string>('in', 600_000);
    await ctx.setEvent('stage', `received ${message}`);
    await ctx.step('risky', () => {
      riskyAttempts += 1;
      if (riskyAttempts === 1) throw new Error('first attempt fails');
    });
    await ctx.setEvent('stage', 'done');
    await ctx.writeStream('log', 'after');
    await ctx.closeStream('log');
    return 'finished';
  });

  const waiting = podium.workflow('waiting', async (ctx) => {
    await ctx.step('begin', () => 'waiting');
    return ctx.recv('never', 600_000);
  });

  return { talker, flaky, waiting };
}

/** The fixture's scenario, on a launched Podium with the twins registered. */
export async function runTwinScenario(
  podium: Podium,
  twins: ReturnType<typeof defineTwins>,
): Promise<TwinIds> {
  const ids = { talker: 'talker-1', flaky: 'flaky-1', waiting: 'waiting-1' };
  const talking = await twins.talker.start([], { workflowId: ids.talker });
  await podium.send(ids.talker, { hello: 'world' }, 'greeting');
  await podium.send(ids.talker, 'unread', 'other');
  await podium.send(ids.talker, 'no topic');
  await talking.getResult();

  const failing = await twins.flaky.start([], { workflowId: ids.flaky });
  await podium.send(ids.flaky, 'A', 'in');
  await podium.send(ids.flaky, 'never read', 'other');
  await failing.getResult().catch(() => undefined);

  await twins.waiting.start([], { workflowId: ids.waiting });
  return ids;
}
