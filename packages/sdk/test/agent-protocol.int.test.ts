/**
 * The conductor agent against a real `ws` server playing the control plane: every request
 * type it implements round-trips through `encodeRequest` / `decodeResponse` (so each answer
 * validates against the protocol's schemas), answers have DBOS TypeScript's shapes, and the
 * actions really change the stored state. Storage matters here, so it runs on both backends.
 */
import { gunzipSync } from 'node:zlib';
import {
  MESSAGE_TYPES,
  toWireTimestamp,
  UNKNOWN_MESSAGE_TYPE_ERROR,
  WorkflowExportSchema,
  WorkflowsOutputSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_VERSION_STRING, type Podium } from '../src';
import { BACKENDS } from './helpers/backends';
import { type ConductorLink, FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { uniqueName, untilClockPasses, waitFor } from './helpers/util';

const IMPLEMENTED = [
  'executor_info',
  'recovery',
  'exist_pending_workflows',
  'retention',
  'get_metrics',
  'list_queues',
  'get_queue',
  'list_workflows',
  'list_queued_workflows',
  'get_workflow',
  'list_steps',
  'cancel',
  'resume',
  'restart',
  'delete',
  'fork_workflow',
  'fork_from_failure',
  'get_workflow_events',
  'get_workflow_notifications',
  'get_workflow_streams',
  'export_workflow',
  'import_workflow',
  'rewind_workflow',
  'list_schedules',
  'get_schedule',
  'pause_schedule',
  'resume_schedule',
  'trigger_schedule',
  'backfill_schedule',
  'list_application_versions',
  'set_latest_application_version',
  'alert',
  'get_workflow_aggregates',
  'get_step_aggregates',
];

function defineApp(podium: Podium) {
  podium.queue('serial', { concurrency: 1 });
  podium.queue('metered', {
    workerConcurrency: 4,
    rateLimit: { limitPerPeriod: 10, periodSec: 2.5 },
  });
  const echo = podium.workflow('echo', (ctx, value: string) => ctx.step('say', () => value));
  const boom = podium.workflow('boom', async (ctx, order: string) => {
    await ctx.step('reserve', () => `reserved ${order}`);
    await ctx.step('charge', () => {
      throw Object.assign(new Error(`card declined for ${order}`), { code: 'DECLINED' });
    });
  });
  const waiter = podium.workflow('waiter', async (ctx, topic: string) => {
    await ctx.step('begin', () => 'waiting');
    return (await ctx.recv<string>(topic, 600_000)) ?? 'timed out';
  });
  const parent = podium.workflow('parent', async (ctx) => {
    const child = await ctx.startWorkflow(waiter, ['child']);
    return child.getResult();
  });
  /** Sets events, writes streams and receives a message: everything the link shows. */
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
  return { echo, boom, waiter, parent, talker };
}

describe.each(BACKENDS.map((make) => make()))('conductor agent on $name', (backend) => {
  const harness = useHarness(backend);
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());

  /** A launched app connected to the fake conductor, past the executor_info handshake. */
  async function connect(options: { metadata?: Record<string, unknown> } = {}) {
    const appName = uniqueName('app');
    const podium = harness.podium({
      appName,
      conductorKey: 'key-123',
      conductorUrl: `${conductor.url}//`,
      conductorExecutorMetadata: options.metadata,
    });
    const workflows = defineApp(podium);
    const linked = conductor.nextLink();
    await podium.launch();
    const link = await linked;
    const info = await link.request('executor_info');
    return { podium, link, info, appName, ...workflows };
  }

  const statusOf = async (link: ConductorLink, id: string) =>
    (await link.request('get_workflow', { workflow_id: id, load_input: false })).output?.Status;
  const until = (link: ConductorLink, id: string, status: string) =>
    waitFor(async () => (await statusOf(link, id)) === status, 10_000, `${id} ${status}`);

  it('connects to <url>/websocket/<app>/<key> and reports its identity', async () => {
    const { podium, link, info, appName } = await connect({ metadata: { region: 'eu' } });
    expect(link.path).toBe(`/conductor/v1alpha1/websocket/${appName}/key-123`);
    expect(info).toEqual({
      type: 'executor_info',
      request_id: expect.any(String) as string,
      executor_id: podium.executorId,
      application_version: podium.applicationVersion,
      hostname: expect.any(String) as string,
      language: 'typescript',
      dbos_version: SDK_VERSION_STRING,
      executor_metadata: { region: 'eu' },
    });
    // With a conductor, each process is a new executor (as with DBOS): a fresh UUID.
    expect(podium.executorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists, gets and reads steps in DBOS TypeScript shapes', async () => {
    const { podium, link, echo, boom, appName } = await connect();
    await echo.start(['hi'], { workflowId: `${appName}-echo`, authenticatedUser: 'ann' });
    await podium.retrieveWorkflow(`${appName}-echo`).getResult();
    await (
      await boom.start(['o-1'], { workflowId: `${appName}-boom` })
    )
      .getResult()
      .catch(() => undefined);

    const got = await link.request('get_workflow', { workflow_id: `${appName}-echo` });
    expect(got.output).toEqual({
      WorkflowUUID: `${appName}-echo`,
      Status: 'SUCCESS',
      WorkflowName: 'echo',
      AuthenticatedUser: 'ann',
      Input: "[ 'hi' ]",
      Output: "'hi'",
      CreatedAt: expect.stringMatching(/^\d{13}$/) as string,
      UpdatedAt: expect.stringMatching(/^\d{13}$/) as string,
      ApplicationVersion: podium.applicationVersion,
      ExecutorID: podium.executorId,
      Priority: '0',
      WasForkedFrom: false,
      CompletedAt: expect.stringMatching(/^\d{13}$/) as string,
      ApplicationName: appName,
    });
    const failed = (await link.request('get_workflow', { workflow_id: `${appName}-boom` })).output;
    expect(failed).toMatchObject({ Status: 'ERROR', Input: "[ 'o-1' ]" });
    expect(failed).not.toHaveProperty('Output');
    expect(JSON.parse(failed?.Error ?? '{}')).toMatchObject({
      name: 'Error',
      message: 'card declined for o-1',
      code: 'DECLINED',
      stack: expect.stringContaining('card declined') as string,
    });

    const steps = await link.request('list_steps', { workflow_id: `${appName}-boom` });
    expect(steps.output).toEqual([
      {
        function_id: 0,
        function_name: 'reserve',
        output: "'reserved o-1'",
        started_at_epoch_ms: expect.stringMatching(/^\d{13}$/) as string,
        completed_at_epoch_ms: expect.stringMatching(/^\d{13}$/) as string,
      },
      expect.objectContaining({ function_id: 1, function_name: 'charge' }),
    ]);
    expect(JSON.parse(steps.output?.[1]?.error ?? '{}')).toMatchObject({ code: 'DECLINED' });
    const paged = await link.request('list_steps', {
      workflow_id: `${appName}-boom`,
      load_output: false,
      limit: 1,
      offset: 0,
    });
    expect(paged.output).toHaveLength(1);
    expect(paged.output?.[0]).not.toHaveProperty('output');

    // Not found is not an error: no output, no error_message.
    const missing = await link.request('get_workflow', { workflow_id: 'no-such-workflow' });
    expect(missing).toEqual({ type: 'get_workflow', request_id: missing.request_id });
    const noSteps = await link.request('list_steps', { workflow_id: 'no-such-workflow' });
    expect(noSteps.output).toBeUndefined();

    const listed = await link.request('list_workflows', { body: { sort_desc: true } });
    expect(listed.output?.map((w) => w.WorkflowUUID)).toEqual([
      `${appName}-boom`,
      `${appName}-echo`,
    ]);
    // Listings leave inputs and outputs out unless asked (DBOS TS defaults).
    expect(listed.output?.[0]).not.toHaveProperty('Input');
    for (const row of listed.output ?? []) expect(WorkflowsOutputSchema.parse(row)).toEqual(row);
    const byFilters = await link.request('list_workflows', {
      body: {
        status: ['ERROR'],
        workflow_name: 'boom',
        workflow_id_prefix: [`${appName}-b`, 'nothing-'],
        start_time: toWireTimestamp(Date.now() - 60_000),
        load_input: true,
      },
    });
    expect(byFilters.output).toEqual([
      expect.objectContaining({ WorkflowUUID: `${appName}-boom`, Input: "[ 'o-1' ]" }),
    ]);
    for (const body of [{ application_name: 'another-app' }, { schedule_name: 'nightly' }]) {
      expect((await link.request('list_workflows', { body })).output).toEqual([]);
    }
    const bad = await link.send(
      '{"type":"list_workflows","request_id":"t","body":{"start_time":"yesterday"}}',
      't',
    );
    expect(JSON.parse(bad)).toMatchObject({
      output: [],
      error_message: expect.stringMatching(/start_time is not a timestamp/) as string,
    });
  });

  it('cancels (with children), resumes, forks, restarts and deletes: the state really changes', async () => {
    const { podium, link, waiter, parent, boom, appName } = await connect();
    const id = (name: string) => `${appName}-${name}`;
    await waiter.start(['go'], { workflowId: id('wait') });
    await parent.start([], { workflowId: id('parent') });
    await waitFor(async () => (await podium.getWorkflowStatus(id('parent-0'))) !== null);
    await (await boom.start(['o-2'], { workflowId: id('boom') })).getResult().catch(() => 0);

    const cancelled = await link.request('cancel', { workflow_id: id('wait') });
    expect(cancelled).toMatchObject({ success: true });
    expect(await statusOf(link, id('wait'))).toBe('CANCELLED');
    await link.request('cancel', {
      workflow_id: id('parent'),
      workflow_ids: [id('parent'), 'no-such-workflow'],
      cancel_children: true,
    });
    expect(await statusOf(link, id('parent'))).toBe('CANCELLED');
    expect(await statusOf(link, id('parent-0'))).toBe('CANCELLED');

    expect(await link.request('resume', { workflow_id: id('wait') })).toMatchObject({
      success: true,
    });
    await until(link, id('wait'), 'PENDING');
    await podium.send(id('wait'), 'went', 'go');
    await until(link, id('wait'), 'SUCCESS');
    const onQueue = await link.request('resume', {
      workflow_id: id('parent'),
      queue_name: 'serial',
    });
    expect(onQueue.success).toBe(true);
    await waitFor(async () => {
      const output = (await link.request('get_workflow', { workflow_id: id('parent') })).output;
      return output?.QueueName === 'serial' && output.Status !== 'CANCELLED';
    });

    const fork = await link.request('fork_workflow', {
      body: { workflow_id: id('boom'), start_step: 1, new_workflow_id: id('fork') },
    });
    expect(fork).toMatchObject({ new_workflow_id: id('fork') });
    await until(link, id('fork'), 'ERROR');
    const forked = (await link.request('get_workflow', { workflow_id: id('fork') })).output;
    expect(forked).toMatchObject({ ForkedFrom: id('boom'), WasForkedFrom: false });
    expect((await link.request('get_workflow', { workflow_id: id('boom') })).output).toMatchObject({
      WasForkedFrom: true,
    });
    const sources = await link.request('list_workflows', { body: { was_forked_from: true } });
    expect(sources.output?.map((w) => w.WorkflowUUID)).toEqual([id('boom')]);

    const queuedFork = await link.request('fork_workflow', {
      body: { workflow_id: id('boom'), start_step: 0, queue_name: 'serial' },
    });
    const onSerial = await link.request('get_workflow', {
      workflow_id: queuedFork.new_workflow_id ?? '',
    });
    expect(onSerial.output).toMatchObject({ QueueName: 'serial', ForkedFrom: id('boom') });

    const fromFailure = await link.request('fork_from_failure', {
      body: { workflow_ids: [id('boom')], from_last_failure: true },
    });
    const [again] = fromFailure.forked_workflow_ids ?? [];
    expect(again).toBeDefined();
    await until(link, again ?? '', 'ERROR');
    // Only the checkpoints before the failed step were copied: `charge` ran again.
    const againSteps = await link.request('list_steps', { workflow_id: again ?? '' });
    expect(againSteps.output?.map((s) => s.function_name)).toEqual(['reserve', 'charge']);

    expect(await link.request('restart', { workflow_id: id('boom') })).toMatchObject({
      success: true,
    });
    const forks = await link.request('list_workflows', { body: { forked_from: id('boom') } });
    expect(forks.output).toHaveLength(4);

    expect(
      await link.request('delete', { workflow_id: id('fork'), delete_children: false }),
    ).toMatchObject({ success: true });
    expect(await statusOf(link, id('fork'))).toBeUndefined();

    // Failures answer with error_message (and success: false), and the app carries on.
    const unknownQueue = await link.request('resume', {
      workflow_id: id('boom'),
      queue_name: 'no-such-queue',
    });
    expect(unknownQueue).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/Queue "no-such-queue" is not registered/) as string,
    });
    const resumeMissing = await link.request('resume', { workflow_id: 'no-such-workflow' });
    expect(resumeMissing).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/WorkflowNotFoundError.*no-such-workflow/) as string,
    });
    const forkMissing = await link.request('fork_workflow', {
      body: { workflow_id: 'no-such-workflow', start_step: 0 },
    });
    expect(forkMissing.new_workflow_id).toBeUndefined();
    expect(forkMissing.error_message).toMatch(/does not exist/);
  });

  it('recovers a dead executor’s PENDING workflows when told to, and confirms it', async () => {
    const { podium, link, appName } = await connect();
    const dead = harness.podium({ appName, executorId: 'dead-1' });
    const { waiter } = defineApp(dead);
    await dead.launch();
    const version = dead.applicationVersion;
    expect(version).toBe(podium.applicationVersion);
    await waiter.start(['never'], { workflowId: `${appName}-orphan` });
    await waitFor(async () => ((await dead.listSteps(`${appName}-orphan`)) ?? []).length > 0);
    await dead.shutdown(); // stays PENDING, stamped with dead-1

    const ask = { executor_id: 'dead-1', application_version: version };
    expect(await link.request('exist_pending_workflows', ask)).toMatchObject({ exist: true });
    expect(await link.request('recovery', { executor_ids: ['dead-1'] })).toMatchObject({
      success: true,
    });
    await waitFor(async () => !(await link.request('exist_pending_workflows', ask)).exist);
    // Re-enqueued, then picked up and run by the connected executor.
    await waitFor(
      async () =>
        (await podium.getWorkflowStatus(`${appName}-orphan`))?.executorId === podium.executorId,
    );
    expect(await statusOf(link, `${appName}-orphan`)).toBe('PENDING');
  });

  it('answers queues, queued workflows and metrics', async () => {
    const { link, echo, waiter, appName } = await connect();
    const queues = await link.request('list_queues');
    const queueOutput = {
      priority_enabled: true,
      partition_queue: false,
      polling_interval_sec: 0.025,
      application_name: appName,
      partition_concurrency: null,
      partition_worker_concurrency: null,
      partition_rate_limit_max: null,
      partition_rate_limit_period_sec: null,
    };
    const metered = {
      ...queueOutput,
      name: 'metered',
      concurrency: null,
      worker_concurrency: 4,
      rate_limit_max: 10,
      rate_limit_period_sec: 2.5,
    };
    expect(queues.output).toEqual([
      {
        ...queueOutput,
        name: 'serial',
        concurrency: 1,
        worker_concurrency: null,
        rate_limit_max: null,
        rate_limit_period_sec: null,
      },
      metered,
    ]);
    expect((await link.request('get_queue', { name: 'serial' })).output?.name).toBe('serial');
    expect((await link.request('get_queue', { name: 'metered' })).output).toEqual(metered);
    expect((await link.request('get_queue', { name: 'nope' })).output).toBeNull();
    const other = await link.request('list_queues', { body: { application_name: 'other' } });
    expect(other.output).toEqual([]);

    const q1 = await waiter.start(['q'], { workflowId: `${appName}-q1`, queueName: 'serial' });
    await untilClockPasses((await q1.getStatus())?.createdAt ?? Number.NaN); // distinct created_at
    await waiter.start(['q'], { workflowId: `${appName}-q2`, queueName: 'serial' });
    await until(link, `${appName}-q1`, 'PENDING');
    const queued = await link.request('list_queued_workflows', { body: {} });
    expect(queued.output?.map((w) => [w.WorkflowUUID, w.Status])).toEqual([
      [`${appName}-q1`, 'PENDING'],
      [`${appName}-q2`, 'ENQUEUED'],
    ]);
    expect(queued.output?.[0]?.DequeuedAt).toMatch(/^\d{13}$/);

    await (await echo.start(['m'])).getResult();
    const window = { start_time: toWireTimestamp(Date.now() - 60_000) };
    const metrics = await link.request('get_metrics', {
      ...window,
      end_time: toWireTimestamp(Date.now() + 1_000),
      metric_class: 'workflow_step_count',
    });
    expect(metrics.metrics).toEqual(
      expect.arrayContaining([
        { metric_type: 'workflow_count', metric_name: 'echo', value: 1 },
        { metric_type: 'workflow_count', metric_name: 'waiter', value: 2 },
        { metric_type: 'step_count', metric_name: 'say', value: 1 },
      ]),
    );
    const cpu = await link.request('get_metrics', {
      ...window,
      end_time: toWireTimestamp(Date.now()),
      metric_class: 'cpu',
    });
    expect(cpu).toMatchObject({ metrics: [], error_message: 'Unexpected metric class: cpu' });
  });

  it('shows a workflow’s events, messages (consumed or not) and streams as DBOS does', async () => {
    const { podium, link, talker, appName } = await connect();
    const id = `${appName}-talker`;
    await talker.start([], { workflowId: id });
    await podium.send(id, { hello: 'world' }, 'greeting');
    await podium.send(id, 'unread', 'other');
    await podium.send(id, 'no topic');
    expect(await podium.retrieveWorkflow(id).getResult()).toEqual({ hello: 'world' });

    const events = await link.request('get_workflow_events', { workflow_id: id });
    expect(events.events).toEqual([
      { key: 'progress', value: "{ phase: 'done', n: 2 }" },
      { key: 'tags', value: "[ 'a', 'b' ]" },
    ]);
    const notifications = await link.request('get_workflow_notifications', { workflow_id: id });
    const at = expect.any(Number) as number;
    expect(notifications.notifications).toEqual([
      { topic: 'greeting', message: "{ hello: 'world' }", created_at_epoch_ms: at, consumed: true },
      { topic: 'other', message: "'unread'", created_at_epoch_ms: at, consumed: false },
      { topic: null, message: "'no topic'", created_at_epoch_ms: at, consumed: false },
    ]);
    const streams = await link.request('get_workflow_streams', { workflow_id: id });
    expect(streams.streams).toEqual([
      { key: 'log', values: ["'line 1'", '{ line: 2, nested: { deep: [ 1, 2, 3 ] } }'] },
      { key: 'open', values: ['42'] },
    ]);

    // A workflow that does not exist has none of them (not an error, as DBOS).
    const none = { workflow_id: 'no-such-workflow' };
    expect((await link.request('get_workflow_events', none)).events).toEqual([]);
    expect((await link.request('get_workflow_notifications', none)).notifications).toEqual([]);
    expect((await link.request('get_workflow_streams', none)).streams).toEqual([]);
  });

  it('exports, imports and rewinds workflows: the state really changes', async () => {
    const { podium, link, talker, waiter, appName } = await connect();
    const id = `${appName}-talker`;
    await talker.start([], { workflowId: id });
    await podium.send(id, 'hi', 'greeting');
    await podium.retrieveWorkflow(id).getResult();
    const before = await link.request('get_workflow', { workflow_id: id });

    const exported = await link.request('export_workflow', { workflow_id: id });
    const blob = exported.serialized_workflow ?? '';
    const document = WorkflowExportSchema.parse(
      JSON.parse(gunzipSync(Buffer.from(blob, 'base64')).toString('utf8')),
    );
    expect(document.map((w) => w.workflow_status.workflow_uuid)).toEqual([id]);
    expect(document[0]?.streams).toHaveLength(4);
    await link.request('delete', { workflow_id: id });
    expect(await statusOf(link, id)).toBeUndefined();
    expect(await link.request('import_workflow', { serialized_workflow: blob })).toMatchObject({
      success: true,
    });
    expect(await link.request('get_workflow', { workflow_id: id })).toEqual({
      ...before,
      request_id: expect.any(String) as string,
    });
    const again = await link.request('import_workflow', { serialized_workflow: blob });
    expect(again).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/already exists/) as string,
    });
    const garbage = await link.request('import_workflow', { serialized_workflow: 'not-gzip' });
    expect(garbage).toMatchObject({
      success: false,
      error_message: expect.stringMatching(
        /not base64 of gzip \(incorrect header check\)/,
      ) as string,
    });
    const missing = await link.request('export_workflow', { workflow_id: 'no-such-workflow' });
    expect(JSON.parse(link.frames.at(-1) ?? '{}')).toMatchObject({ serialized_workflow: null });
    expect(missing.error_message).toMatch(/"no-such-workflow" does not exist/);

    // Rewind: refused while active, then in place once cancelled.
    const waiting = `${appName}-waiting`;
    await waiter.start(['go'], { workflowId: waiting });
    await until(link, waiting, 'PENDING');
    const active = await link.request('rewind_workflow', { body: { workflow_id: waiting } });
    expect(active).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/\(PENDING\).*cancel it first/) as string,
    });
    await link.request('cancel', { workflow_id: waiting });
    const partitioned = await link.request('rewind_workflow', {
      body: { workflow_id: waiting, queue_partition_key: 'p' },
    });
    expect(partitioned).toMatchObject({ success: false });
    const rewound = await link.request('rewind_workflow', {
      body: { workflow_id: waiting, start_step: 1 },
    });
    expect(rewound).toMatchObject({ success: true });
    await podium.send(waiting, 'went', 'go');
    await until(link, waiting, 'SUCCESS');
    const steps = await link.request('list_steps', { workflow_id: waiting });
    expect(steps.output?.map((s) => s.function_name)).toEqual([
      'begin',
      'podium.recv',
      'podium.sleep',
    ]);
  });

  it('answers "Unknown message type" for every type it does not implement, in or out of the catalog', async () => {
    const { link } = await connect();
    const unhandled = MESSAGE_TYPES.filter((type) => !IMPLEMENTED.includes(type));
    expect(unhandled.length).toBe(MESSAGE_TYPES.length - IMPLEMENTED.length);
    for (const type of [...unhandled, 'probe_unknown_type']) {
      const frame = await link.send(
        JSON.stringify({ type, request_id: `r-${type}`, foo: 1 }),
        `r-${type}`,
      );
      expect(JSON.parse(frame)).toEqual({
        type,
        request_id: `r-${type}`,
        error_message: UNKNOWN_MESSAGE_TYPE_ERROR,
      });
    }
  });

  it('survives malformed frames, answers pipelined requests, and keeps the same link', async () => {
    const { link, echo, info } = await connect();
    for (const junk of ['this is not json', '[1,2]', '{"request_id":1}', '{"type":5}', '']) {
      link.socket.send(junk);
    }
    link.socket.send(Buffer.from('{"nonsense":true}'), { binary: true });
    // Known type, invalid fields: answered with an error rather than left to time out.
    const invalid = await link.send(
      JSON.stringify({ type: 'list_steps', request_id: 'bad-1', workflow_id: 42 }),
      'bad-1',
    );
    expect(JSON.parse(invalid)).toMatchObject({
      type: 'list_steps',
      request_id: 'bad-1',
      error_message: expect.stringMatching(/^Invalid list_steps request: workflow_id/) as string,
    });
    // A missing body where DBOS TS would crash is read as an empty one.
    const noBody = await link.send('{"type":"list_workflows","request_id":"nb"}', 'nb');
    expect(JSON.parse(noBody)).toMatchObject({ request_id: 'nb', output: [] });

    const answers = await Promise.all([
      link.request('list_workflows', { body: { load_input: true, load_output: true } }),
      link.request('executor_info'),
      link.request('get_workflow', { workflow_id: 'nope' }),
      link.request('list_queues'),
    ]);
    expect(answers.map((a) => a.type)).toEqual([
      'list_workflows',
      'executor_info',
      'get_workflow',
      'list_queues',
    ]);
    expect(answers[1]).toMatchObject({ executor_id: info.executor_id });
    // A request without request_id is answered without one.
    link.socket.send('{"type":"executor_info"}');
    await waitFor(() => link.frames.some((f) => !('request_id' in JSON.parse(f))));
    expect(await echo('still running')).toBe('still running');
    expect(link.socket.readyState).toBe(link.socket.OPEN);
  });
});
