/**
 * A workflow's recorded history as a whole, on both backends: export → import between two
 * databases round-trips everything (steps, events and their history, messages, streams,
 * children), imports refuse what is not theirs, and rewind works in place with DBOS ≥ 5.1's
 * semantics (events rolled back, messages past the cut deleted, stream values kept).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ImportRefusedError,
  InvalidOperationError,
  type Podium,
  type PodiumOptions,
  WorkflowConflictError,
  type WorkflowExport,
  WorkflowNotFoundError,
} from '../src';
import { type Backend, BACKENDS, createTestDatabase } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { holdStorage, releaseHolds } from './helpers/hold';
import { watchStorage } from './helpers/storage-watch';
import { RunLog, uniqueName, waitFor } from './helpers/util';

const WAIT_MS = 600_000;

function defineApp(podium: Podium, log: RunLog) {
  const child = podium.workflow('child', (ctx, n: number) => ctx.step('double', () => n * 2));
  /** Touches every kind of record: steps, events, messages, streams, a child. */
  const busy = podium.workflow('busy', async (ctx) => {
    await ctx.step('prepare', () => 'ready');
    await ctx.setEvent('stage', 'prepared');
    await ctx.writeStream('log', 'before');
    const message = await ctx.recv<string>('in', WAIT_MS);
    await ctx.setEvent('stage', `received ${message}`);
    const doubled = await (await ctx.startWorkflow(child, [21])).getResult();
    await ctx.step('risky', () => {
      log.hit('risky');
      if (log.count('risky') === 1) throw new Error('first attempt fails');
    });
    await ctx.setEvent('stage', 'done');
    await ctx.writeStream('log', { after: doubled });
    await ctx.closeStream('log');
    return doubled;
  });
  return { child, busy };
}

/** A second, empty database of the same kind as the backend's. */
async function otherDatabase(
  backend: Backend,
): Promise<{ options: Pick<PodiumOptions, 'databaseUrl' | 'pglite'>; drop(): Promise<void> }> {
  if (backend.name === 'postgres') {
    const db = await createTestDatabase();
    return { options: { databaseUrl: db.url }, drop: () => db.drop() };
  }
  const pglite = await PGlite.create();
  return { options: { pglite }, drop: () => pglite.close() };
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of stream) values.push(value);
  return values;
}

describe.each(BACKENDS.map((make) => make()))('history on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => {
    releaseHolds();
    vi.restoreAllMocks();
  });

  /** Runs `busy` to its failure: consumed message, unconsumed one, a child, a stream. */
  async function failedBusy(podium: Podium, busy: ReturnType<typeof defineApp>['busy']) {
    const handle = await busy.start([]);
    await podium.send(handle.workflowId, 'A', 'in');
    await podium.send(handle.workflowId, 'never read', 'other');
    await expect(handle.getResult()).rejects.toThrow('first attempt fails');
    return handle.workflowId;
  }

  it('exports a workflow with its children and imports it into another database', async () => {
    const appName = uniqueName('app');
    const log = new RunLog();
    const { podium, busy } = await harness.launch((p) => defineApp(p, log), { appName });
    const id = await failedBusy(podium, busy);
    const exported = await podium.exportWorkflow(id, { exportChildren: true });
    expect(exported.map((w) => w.workflow_status.workflow_uuid)).toEqual([id, `${id}-6`]);
    expect(await podium.exportWorkflow(id)).toHaveLength(1);
    await expect(podium.exportWorkflow('no-such-workflow')).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );

    const other = await otherDatabase(backend);
    try {
      const target = harness.podium({ appName, ...other.options });
      const { busy: targetBusy } = defineApp(target, log);
      void targetBusy;
      await target.launch();
      // Portable: the document survives JSON.
      const document = JSON.parse(JSON.stringify(exported)) as WorkflowExport;
      expect(await target.importWorkflow(document)).toEqual([id, `${id}-6`]);
      expect(await target.exportWorkflow(id, { exportChildren: true })).toEqual(exported);
      expect(await target.getWorkflowStatus(id)).toEqual(await podium.getWorkflowStatus(id));
      expect(await target.listSteps(id)).toEqual(await podium.listSteps(id));
      expect(await collect(target.readStream(id, 'log'))).toEqual(['before']);
      expect(await target.getEvent(id, 'stage', 0)).toBe('received A');

      // Once imported, it is this database's workflow: here it runs to completion.
      await target.rewindWorkflow(id, { startStep: 6 });
      expect(await target.retrieveWorkflow(id).getResult()).toBe(42);
      expect(await collect(target.readStream(id, 'log'))).toEqual(['before', { after: 42 }]);

      await expect(target.importWorkflow(document)).rejects.toBeInstanceOf(WorkflowConflictError);
    } finally {
      await other.drop();
    }
  });

  it('refuses documents it did not export, changing nothing', async () => {
    const appName = uniqueName('app');
    const log = new RunLog();
    const { podium, busy } = await harness.launch((p) => defineApp(p, log), { appName });
    const id = await failedBusy(podium, busy);
    const exported = await podium.exportWorkflow(id, { exportChildren: true });
    await podium.deleteWorkflow(id, { deleteChildren: true });

    // Another SDK's values (DBOS: superjson) cannot be read back here.
    const foreign = structuredClone(exported);
    const [, childExport] = foreign;
    if (childExport !== undefined) childExport.workflow_status.serialization = 'js_superjson';
    await expect(podium.importWorkflow(foreign)).rejects.toThrow(
      /"js_superjson".*exports do not move between SDKs/,
    );
    const misfiled = structuredClone(exported);
    const [root] = misfiled;
    if (root?.streams[0] !== undefined) root.streams[0].workflow_uuid = 'elsewhere';
    await expect(podium.importWorkflow(misfiled)).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(podium.importWorkflow([...exported, ...exported])).rejects.toThrow(/twice/);
    for (const junk of [[], {}, 'text', [{ workflow_status: { workflow_uuid: 'x' } }]]) {
      await expect(podium.importWorkflow(junk as WorkflowExport)).rejects.toThrow(
        /^Cannot import: /,
      );
    }
    // All or nothing: the refused documents left no trace.
    expect(await podium.getWorkflowStatus(id)).toBeNull();
    expect(await podium.importWorkflow(exported)).toEqual([id, `${id}-6`]);
  });

  it('sends again, once rewound, what a dropped step had sent', async () => {
    const log = new RunLog();
    const { podium, receiver, sender } = await harness.launch(
      (p) => ({
        receiver: p.workflow('receiver', async (ctx) => [
          await ctx.recv<string>('ping', WAIT_MS),
          await ctx.recv<string>('ping', WAIT_MS),
        ]),
        sender: p.workflow('sender', async (ctx, to: string) => {
          await ctx.send(to, `ping ${log.count('sent') + 1}`, 'ping');
          log.hit('sent');
          await ctx.step('check', () => {
            if (log.count('sent') === 1) throw new Error('fails the first time');
          });
        }),
      }),
      { appName: uniqueName('app') },
    );
    const receiving = await receiver.start([]);
    const sending = await sender.start([receiving.workflowId]);
    await expect(sending.getResult()).rejects.toThrow('fails the first time');
    await podium.rewindWorkflow(sending.workflowId, { startStep: 0 });
    await waitFor(async () => (await sending.getStatus())?.status === 'SUCCESS');
    expect(await receiving.getResult()).toEqual(['ping 1', 'ping 2']);
  });

  it('rewinds a finished workflow in place, rolling back what the dropped steps did', async () => {
    const appName = uniqueName('app');
    const log = new RunLog();
    const { podium, busy } = await harness.launch((p) => defineApp(p, log), { appName });
    const id = await failedBusy(podium, busy);

    // Rewound for another version: nothing here runs it, so its rewound state shows.
    const handle = await podium.rewindWorkflow(id, {
      startStep: 5,
      applicationVersion: 'not-this-one',
    });
    expect(handle.workflowId).toBe(id);
    expect(await handle.getStatus()).toMatchObject({
      status: 'ENQUEUED',
      applicationVersion: 'not-this-one',
      recoveryAttempts: 0,
      completedAt: null,
    });
    expect((await podium.getWorkflowStatus(id))?.error).toBeUndefined();
    const [rewound] = await podium.exportWorkflow(id);
    expect(rewound?.operation_outputs.map((s) => s.function_id)).toEqual([0, 1, 2, 3, 4]);
    // The event set at step 5 is rolled back to the value set before it.
    expect(await podium.getEvent(id, 'stage', 0)).toBe('prepared');
    // The message consumed before the cut stays; the unconsumed one is gone.
    expect(rewound?.notifications?.map((n) => [n.message, n.consumed])).toEqual([['"A"', true]]);
    expect(rewound?.streams.map((s) => s.value)).toEqual(['"before"']);

    // Active workflows are refused: cancel first.
    await expect(podium.rewindWorkflow(id)).rejects.toThrow(
      /Cannot rewind .* \(ENQUEUED\).*cancel it first/,
    );
    await expect(podium.rewindWorkflow(id)).rejects.toBeInstanceOf(InvalidOperationError);
    await expect(podium.rewindWorkflow('no-such-workflow')).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
    await expect(podium.rewindWorkflow(id, { startStep: -1 })).rejects.toBeInstanceOf(
      InvalidOperationError,
    );
    await podium.cancelWorkflow(id);
    await podium.rewindWorkflow(id, {
      startStep: 5,
      applicationVersion: podium.applicationVersion,
    });
    expect(await podium.retrieveWorkflow(id).getResult()).toBe(42);
    expect(await podium.getEvent(id, 'stage', 0)).toBe('done');
    expect(await collect(podium.readStream(id, 'log'))).toEqual(['before', { after: 42 }]);
    const steps = (await podium.listSteps(id)) ?? [];
    expect(steps.map((s) => s.functionName)).toEqual([
      'prepare',
      'podium.setEvent',
      'podium.writeStream',
      'podium.recv',
      'podium.sleep',
      'podium.setEvent',
      'child',
      'risky',
      'podium.setEvent',
      'podium.writeStream',
      'podium.closeStream',
    ]);
    // The child resolved to the same id: it was not started again.
    expect(await podium.listWorkflows({ workflowName: 'child' })).toHaveLength(1);
  });

  it('rewinds to step 0 by default, keeping stream values written before', async () => {
    const appName = uniqueName('app');
    const log = new RunLog();
    const { podium, busy } = await harness.launch((p) => defineApp(p, log), { appName });
    const id = await failedBusy(podium, busy);
    await podium.rewindWorkflow(id);
    // Every message was consumed from the cut on, or never: all gone, so it waits again.
    await waitFor(async () => ((await podium.listSteps(id)) ?? []).length >= 3);
    await podium.send(id, 'B', 'in');
    expect(await podium.retrieveWorkflow(id).getResult()).toBe(42);
    expect(await podium.getEvent(id, 'stage', 0)).toBe('done');
    // As DBOS: the values the dropped steps wrote stay, and the re-execution appends.
    expect(await collect(podium.readStream(id, 'log'))).toEqual([
      'before',
      'before',
      { after: 42 },
    ]);
  });

  it('waits for the step in flight of a just-cancelled execution before rewinding', async () => {
    const log = new RunLog();
    const { podium, slow } = await harness.launch(
      (p) => ({
        slow: p.workflow('slow', async (ctx) => {
          await ctx.step('first', () => log.hit('first'));
          await ctx.step('second', () => log.hit('second'));
          return 'done';
        }),
      }),
      { appName: uniqueName('app') },
    );
    // The cancelled execution's `second` has run, and its checkpoint is about to be written.
    const inFlight = holdStorage(
      'recordStep',
      'before',
      ([step]) => step.functionName === 'second',
    );
    const handle = await slow.start([]);
    await inFlight.reached;
    await podium.cancelWorkflow(handle.workflowId);
    const looked = watchStorage('getWorkflow')
      .next(([id]) => id === handle.workflowId)
      .catch(() => undefined);
    const rewinding = podium.rewindWorkflow(handle.workflowId, { startStep: 1 });
    // Released once the rewind is done, or waits for the execution (which needs the release).
    await Promise.race([rewinding, looked]);
    inFlight.release();
    await rewinding;
    expect(await handle.getResult()).toBe('done');
    // The checkpoint landed before the cut was made, so the re-execution ran `second` again.
    expect([log.count('first'), log.count('second')]).toEqual([1, 2]);
  });
});
