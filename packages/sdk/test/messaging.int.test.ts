import { describe, expect, it } from 'vitest';
import { type Podium, type PodiumOptions, WorkflowNotFoundError } from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { RunLog, uniqueName, waitFor } from './helpers/util';

/** How long a wait that the test will satisfy may take: never reached unless something broke. */
const WAIT_MS = 60_000;

function defineWorkflows(podium: Podium, log: RunLog) {
  const inbox = podium.workflow('inbox', async (ctx, count: number, pauseMs: number) => {
    const received: unknown[] = [];
    for (let i = 0; i < count; i++) {
      received.push(await ctx.recv('mail', WAIT_MS));
      log.hit('received');
      if (pauseMs > 0) await ctx.sleep(pauseMs);
    }
    received.push(await ctx.recv('mail', 50));
    return received;
  });
  const sender = podium.workflow('sender', async (ctx, to: string) => {
    await ctx.send(to, { hello: 'from a workflow', at: new Date(0) }, 'mail');
    await ctx.step('after-send', () => log.hit('after-send'));
  });
  const publisher = podium.workflow('publisher', async (ctx) => {
    await ctx.setEvent('progress', 1);
    await ctx.recv('go', WAIT_MS);
    await ctx.setEvent('progress', 2);
    return 'published';
  });
  const subscriber = podium.workflow('subscriber', async (ctx, from: string) => {
    const seen = await ctx.getEvent<number>(from, 'progress', WAIT_MS);
    const missing = await ctx.getEvent(from, 'never', 30);
    return { seen, missing };
  });
  return { inbox, sender, publisher, subscriber };
}

describe.each(BACKENDS.map((make) => make()))('messages and events on $name', (backend) => {
  const harness = useHarness(backend);

  const launch = (log: RunLog, options: Partial<PodiumOptions> & { appName: string }) =>
    harness.launch((podium) => defineWorkflows(podium, log), options);

  it('delivers messages in order, per topic, and times out with null', async () => {
    const { podium, inbox } = await launch(new RunLog(), { appName: uniqueName('app') });
    const handle = await inbox.start([2, 0]);
    await podium.send(handle.workflowId, 'ignored: other topic', 'spam');
    await podium.send(handle.workflowId, 'one', 'mail');
    await podium.send(handle.workflowId, { two: 2n }, 'mail');
    expect(await handle.getResult()).toEqual(['one', { two: 2n }, null]);
    const steps = (await podium.listSteps(handle.workflowId)) ?? [];
    expect(steps.map((step) => step.functionName)).toEqual([
      'podium.recv',
      'podium.sleep',
      'podium.recv',
      'podium.sleep',
      'podium.recv',
      'podium.sleep',
    ]);
  });

  it('receives each message exactly once across a restart', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const first = await launch(log, { appName });
    const handle = await first.inbox.start([2, 400], { workflowId: uniqueName('inbox') });
    await first.podium.send(handle.workflowId, 'first', 'mail');
    await first.podium.send(handle.workflowId, 'second', 'mail');
    await waitFor(() => log.count('received') === 1);
    await first.podium.shutdown();

    const second = await launch(log, { appName });
    const resumed = second.podium.retrieveWorkflow(handle.workflowId);
    expect(await resumed.getResult()).toEqual(['first', 'second', null]);
  });

  it('sends from a workflow exactly once, and dedupes outside sends by idempotency key', async () => {
    const log = new RunLog();
    const { podium, inbox, sender } = await launch(log, { appName: uniqueName('app') });
    const receiver = await inbox.start([2, 0]);
    const sent = await sender.start([receiver.workflowId]);
    await sent.getResult();
    // The fork copies the checkpoint of the send (step 0), so it does not send again.
    await (await podium.forkWorkflow(sent.workflowId, 1)).getResult();
    await podium.send(receiver.workflowId, 'once', 'mail', { idempotencyKey: 'k1' });
    await podium.send(receiver.workflowId, 'once again', 'mail', { idempotencyKey: 'k1' });
    expect(await receiver.getResult()).toEqual([
      { hello: 'from a workflow', at: new Date(0) },
      'once',
      null,
    ]);
    expect(log.count('after-send')).toBe(2);
  });

  it('refuses to send to a workflow that does not exist', async () => {
    const { podium } = await launch(new RunLog(), { appName: uniqueName('app') });
    await expect(podium.send('nobody', 'hello')).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('publishes events that outside callers and other workflows can wait for', async () => {
    const { podium, publisher, subscriber } = await launch(new RunLog(), {
      appName: uniqueName('app'),
    });
    const pub = await publisher.start([]);
    expect(await podium.getEvent(pub.workflowId, 'progress', WAIT_MS)).toBe(1);
    const sub = await subscriber.start([pub.workflowId]);
    expect(await sub.getResult()).toEqual({ seen: 1, missing: null });
    expect(await podium.getEvent(pub.workflowId, 'never', 30)).toBeNull();
    await podium.send(pub.workflowId, null, 'go');
    expect(await pub.getResult()).toBe('published');
    expect(await podium.getEvent(pub.workflowId, 'progress', 0)).toBe(2);
  });
});
