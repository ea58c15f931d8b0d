/**
 * Streams through the public API, on both backends: `ctx.writeStream` / `ctx.closeStream` are
 * durable (a re-execution never writes twice) and `podium.readStream` yields every value once,
 * in order, waits (woken by other processes' writes, not by a tight poll), resumes from an
 * offset, and ends at the close or once the workflow is no longer active.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidOperationError,
  NotLaunchedError,
  type Podium,
  StreamTimeoutError,
  WorkflowNotFoundError,
} from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { RunLog, uniqueName, waitFor } from './helpers/util';

/** A wait the test satisfies: reached only if something broke. */
const WAIT_MS = 600_000;

function defineStreams(podium: Podium, log: RunLog = new RunLog()) {
  /** Writes `values`, each after a `go` message; closes the stream if asked. */
  const producer = podium.workflow(
    'producer',
    async (ctx, values: unknown[], options: { gated: boolean; close: boolean }) => {
      for (const value of values) {
        if (options.gated) await ctx.recv('go', WAIT_MS);
        await ctx.writeStream('progress', value);
        log.hit('wrote');
      }
      if (options.close) {
        await ctx.closeStream('progress');
        await ctx.writeStream('progress', 'after the close');
      }
      return values.length;
    },
  );
  /** Writes, then waits for a message: something to interrupt and re-execute. */
  const resumable = podium.workflow('resumable', async (ctx) => {
    await ctx.writeStream('log', 'before');
    await ctx.step('count', () => log.hit('count'));
    await ctx.recv('go', WAIT_MS);
    await ctx.writeStream('log', 'after');
    await ctx.closeStream('log');
  });
  /** Writes one key from concurrent branches. */
  const fanIn = podium.workflow('fanIn', async (ctx, n: number) => {
    await Promise.all(Array.from({ length: n }, (_, i) => ctx.writeStream('all', i)));
    await ctx.closeStream('all');
  });
  return { producer, resumable, fanIn };
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of stream) values.push(value);
  return values;
}

describe.each(BACKENDS.map((make) => make()))('streams on $name', (backend) => {
  const harness = useHarness(backend);

  it('yields every value in order as it is written, and ends at the close', async () => {
    const { podium, producer } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    const values = ['one', { n: 2, at: new Date(0) }, 3n, null];
    const handle = await producer.start([values, { gated: true, close: true }]);
    const reader = podium.readStream(handle.workflowId, 'progress');
    for (const value of values) {
      const next = reader.next();
      await podium.send(handle.workflowId, 'next', 'go');
      expect(await next).toEqual({ done: false, value });
    }
    // The value written after the close is not part of the stream.
    expect(await reader.next()).toEqual({ done: true, value: undefined });
    expect(await handle.getResult()).toBe(4);
    const steps = (await podium.listSteps(handle.workflowId)) ?? [];
    expect(steps.map((s) => s.functionName).slice(-3)).toEqual([
      'podium.writeStream',
      'podium.closeStream',
      'podium.writeStream',
    ]);
  });

  it('ends once the workflow has finished, closed or not, and resumes from an offset', async () => {
    const { podium, producer } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    const handle = await producer.start([['a', 'b', 'c'], { gated: false, close: false }]);
    await handle.getResult();
    expect(await collect(podium.readStream(handle.workflowId, 'progress'))).toEqual([
      'a',
      'b',
      'c',
    ]);
    const rest = podium.readStream(handle.workflowId, 'progress', { offset: 2 });
    expect(await collect(rest)).toEqual(['c']);
    expect(await collect(podium.readStream(handle.workflowId, 'progress', { offset: 9 }))).toEqual(
      [],
    );
    expect(await collect(podium.readStream(handle.workflowId, 'no-such-key'))).toEqual([]);
  });

  it('ends a reader waiting on a workflow that finishes without closing', async () => {
    const { podium, producer } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    const handle = await producer.start([['only'], { gated: true, close: false }]);
    const read = collect(podium.readStream(handle.workflowId, 'progress'));
    await podium.send(handle.workflowId, 'go', 'go');
    expect(await read).toEqual(['only']);
  });

  it('never writes a value twice when a workflow re-executes', async () => {
    const appName = uniqueName('a');
    const log = new RunLog();
    const first = harness.podium({ appName });
    const { resumable } = defineStreams(first, log);
    await first.launch();
    const handle = (await resumable.start([])).workflowId;
    await waitFor(() => log.count('count') === 1);
    // Shut down mid-workflow: it stays PENDING, and the next launch re-executes it.
    await first.shutdown();
    const second = harness.podium({ appName });
    defineStreams(second, log);
    await second.launch();
    await waitFor(async () => ((await second.listSteps(handle)) ?? []).length >= 3);
    await second.send(handle, 'go', 'go');
    await second.retrieveWorkflow(handle).getResult();
    expect(log.count('count')).toBe(1);
    expect(await collect(second.readStream(handle, 'log'))).toEqual(['before', 'after']);
  });

  it('gives concurrent writes of one key distinct offsets', async () => {
    const { podium, fanIn } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    const handle = await fanIn.start([8]);
    await handle.getResult();
    const values = await collect(podium.readStream<number>(handle.workflowId, 'all'));
    expect(values.toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('wakes a reader in another process on every write, without polling', async () => {
    const appName = uniqueName('a');
    const { producer } = await harness.launch(defineStreams, { appName });
    // The reader would poll every ten minutes: only the database's notifications wake it.
    const reader = harness.podium({ appName, pollIntervalMs: 600_000 });
    defineStreams(reader);
    await reader.launch();
    const handle = await producer.start([['x', 'y'], { gated: true, close: true }]);
    const stream = reader.readStream(handle.workflowId, 'progress');
    for (const value of ['x', 'y']) {
      const next = stream.next();
      await reader.send(handle.workflowId, 'next', 'go');
      expect(await next).toEqual({ done: false, value });
    }
    expect(await stream.next()).toMatchObject({ done: true });
  });

  it('refuses unknown workflows and bad options, times out, and stops at shutdown', async () => {
    const { podium, producer } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    await expect(collect(podium.readStream('no-such-workflow', 'k'))).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
    const handle = await producer.start([['never'], { gated: true, close: false }]);
    await expect(
      collect(podium.readStream(handle.workflowId, 'progress', { offset: -1 })),
    ).rejects.toBeInstanceOf(InvalidOperationError);
    await expect(
      collect(podium.readStream(handle.workflowId, 'progress', { timeoutMs: 50 })),
    ).rejects.toBeInstanceOf(StreamTimeoutError);
    const waiting = collect(podium.readStream(handle.workflowId, 'progress'));
    const stopped = expect(waiting).rejects.toBeInstanceOf(NotLaunchedError);
    await podium.shutdown();
    await stopped;
  });

  it('copies what the steps before a fork wrote into the fork', async () => {
    const { podium, producer } = await harness.launch(defineStreams, { appName: uniqueName('a') });
    const handle = await producer.start([['p', 'q'], { gated: false, close: true }]);
    await handle.getResult();
    // Step 1 is the second write: the fork keeps the first value and writes the rest again.
    const fork = await podium.forkWorkflow(handle.workflowId, 1);
    await fork.getResult();
    expect(await collect(podium.readStream(fork.workflowId, 'progress'))).toEqual(['p', 'q']);
  });
});
