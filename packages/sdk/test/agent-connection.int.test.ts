/**
 * The conductor link under a misbehaving control plane, against a real `ws` server: refusals,
 * backoff, keepalive, a killed socket, a control plane that is down at launch, concurrency and
 * a clean close. The agent-level tests use fast timings and stub handlers; the app-level ones
 * run a real Podium on PGlite (storage does not matter here) with the default timings.
 */
import type { PartialExecutorRequestHandlers } from '@podium/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTimings, ConductorAgent } from '../src/agent/agent';
import type { RequestLimits } from '../src/agent/dispatch';
import { pgliteBackend } from './helpers/backends';
import { FakeConductor, freePort } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { recordingLogger } from './helpers/recording-logger';
import { deferred, uniqueName, waitFor } from './helpers/util';

// Fast, yet with room for a loaded CI machine: a healthy link that stalls for a second or two
// must not miss its pong deadline.
const KEEPALIVE = { intervalMs: 500, timeoutMs: 3_000 };
const FAST: AgentTimings = {
  handshakeTimeoutMs: 2_000,
  closeTimeoutMs: 5_000,
  drainTimeoutMs: 2_000,
  keepalive: KEEPALIVE,
  // No jitter, so the delays can be checked: 50, 100, 200, 400, 400, ...
  backoff: { initialDelayMs: 50, maxDelayMs: 400, factor: 2, jitterMin: 1, jitterMax: 1 },
};

const IDENTITY = {
  executor_id: 'exec-1',
  application_version: 'v1',
  language: 'typescript',
  dbos_version: 'podium-sdk/test',
};

describe('conductor link (agent, fast timings)', () => {
  const agents: ConductorAgent[] = [];
  const servers: FakeConductor[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.stop()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function conductor(options: Parameters<typeof FakeConductor.start>[0] = {}) {
    const server = await FakeConductor.start(options);
    servers.push(server);
    return server;
  }

  function agent(
    server: FakeConductor,
    handlers: PartialExecutorRequestHandlers = {},
    requestLimits?: RequestLimits,
  ) {
    const logger = recordingLogger();
    const base = `${server.url}/websocket/app`;
    const instance = new ConductorAgent(
      { url: `${base}/secret-key`, redactedUrl: `${base}/[REDACTED]`, requestLimits },
      { executor_info: () => Promise.resolve(IDENTITY), ...handlers },
      logger,
      FAST,
    );
    agents.push(instance);
    instance.start();
    return { agent: instance, logger };
  }

  it('backs off exponentially while refused, logs each distinct refusal once, then connects', async () => {
    const attempts: number[] = [];
    const refusals = [401, 401, 401, 503];
    const server = await conductor({
      refuse: () => {
        attempts.push(Date.now());
        const status = refusals.shift();
        return status === undefined
          ? undefined
          : { status, body: `{"code":"E${status}","detail":"refused"}` };
      },
    });
    const { logger } = agent(server);
    const link = await server.nextLink();
    expect(await link.request('executor_info')).toMatchObject({ executor_id: 'exec-1' });

    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? at));
    expect(gaps).toHaveLength(4);
    [50, 100, 200, 400].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5));
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings.map((w) => [w.fields.status, w.fields.body])).toEqual([
      [401, '{"code":"E401","detail":"refused"}'],
      [503, '{"code":"E503","detail":"refused"}'],
    ]);
    expect(
      logger.lines.filter((l) => l.message === 'still cannot connect to the conductor'),
    ).toHaveLength(2);
    await waitFor(() => logger.lines.some((l) => l.message === 'connected to the conductor'));
    // The key never reaches a log line.
    expect(JSON.stringify(logger.lines)).not.toContain('secret-key');

    // A healthy session reset the backoff: a dropped link is re-dialled after the first delay.
    link.socket.terminate();
    await server.nextLink();
    const lost = logger.lines.find((l) => l.message === 'conductor link lost; reconnecting');
    expect(lost?.fields.retryInMs).toBe(50);
  });

  it('keeps the key out of a logged refusal whose body quotes the URL', async () => {
    let refused = 0;
    const server = await conductor({
      // As a default 404 page does ("Cannot GET <path>"), percent-encoded too.
      refuse: (request) =>
        (refused += 1) > 1
          ? undefined
          : {
              status: 404,
              body: `Cannot GET ${request.url} (${encodeURIComponent(request.url ?? '')})`,
            },
    });
    const { logger } = agent(server);
    await server.nextLink();
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.fields.body).toMatch(
      /^Cannot GET \/\S*\/websocket\/app\/\[REDACTED\] \(%2F\S*%2Fwebsocket%2Fapp%2F\[REDACTED\]\)$/,
    );
    expect(JSON.stringify(logger.lines)).not.toContain('secret-key');
  });

  it('terminates and re-dials a link whose pings go unanswered', async () => {
    const server = await conductor({ autoPong: false });
    const { logger } = agent(server);
    const first = await server.nextLink();
    const opened = Date.now();
    const { code } = await first.closed;
    expect(code).toBe(1006); // terminated, no close frame
    // One ping period + the timeout, less 10 ms.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(
      KEEPALIVE.intervalMs + KEEPALIVE.timeoutMs - 10,
    );
    await server.nextLink();
    // Logged before the re-dial: the keepalive, not something else, ended the link.
    const causes = logger.lines.filter((l) => l.level === 'warn').map((l) => l.fields.err);
    expect(causes).toContain(`no pong within ${KEEPALIVE.timeoutMs} ms of a ping`);
  });

  it('counts any incoming frame as liveness', async () => {
    const server = await conductor({ autoPong: false });
    agent(server);
    const link = await server.nextLink();
    // No pong ever; each ping is followed by a request instead. Pings come every 500 ms on the
    // agent's timers, so the 8th seen is sent at least 3.5 s after the 1st, past the 3 s
    // deadline the 1st set, which fires first: the link lived through a deadline.
    const PINGS = Math.floor(KEEPALIVE.timeoutMs / KEEPALIVE.intervalMs) + 2; // 8
    const answers: Promise<unknown>[] = [];
    let pings = 0;
    link.socket.on('ping', () => {
      pings++;
      answers.push(link.request('executor_info'));
    });
    await waitFor(() => pings >= PINGS, 30_000, `${PINGS} pings on one link`);
    await Promise.all(answers);
    expect(link.socket.readyState).toBe(link.socket.OPEN);
    expect(server.links).toHaveLength(1);
  });

  it('serves requests concurrently, answers out of order, and turns handler failures into error answers', async () => {
    const server = await conductor();
    const slow = deferred();
    agent(server, {
      list_workflows: async () => {
        await slow.promise;
        return { output: [] };
      },
      list_queues: () => Promise.resolve({ output: [] }),
      cancel: () => Promise.reject(new Error('database is down')),
      // Not a WorkflowsOutput: must never reach the wire as is.
      get_workflow: () => Promise.resolve({ output: { Status: 'SUCCESS' } } as never),
    });
    const link = await server.nextLink();
    const order: string[] = [];
    const listed = link.request('list_workflows', { body: {} }).then((r) => order.push(r.type));
    const queues = link.request('list_queues').then((r) => order.push(r.type));
    await queues;
    slow.resolve();
    await listed;
    expect(order).toEqual(['list_queues', 'list_workflows']);

    const cancel = await link.request('cancel', { workflow_id: 'w' });
    expect(cancel).toMatchObject({
      success: false,
      error_message: 'Exception encountered when handling cancel: Error: database is down',
    });
    const got = await link.request('get_workflow', { workflow_id: 'w' });
    expect(got.output).toBeUndefined();
    expect(got.error_message).toMatch(/ProtocolEncodeError: cannot encode get_workflow/);
  });

  it('runs at most 4 requests at once, and never runs one still waiting when its link closed', async () => {
    const server = await conductor();
    const gate = deferred();
    let running = 0;
    const cancelled: string[] = [];
    agent(server, {
      list_workflows: async () => {
        running++;
        await gate.promise;
        return { output: [] };
      },
      cancel: ({ workflow_id }) => {
        cancelled.push(workflow_id);
        return Promise.resolve({ success: true });
      },
    });
    const first = await server.nextLink();
    for (let i = 0; i < 5; i++) void first.request('list_workflows', { body: {} }).catch(() => {});
    void first.request('cancel', { workflow_id: 'queued' }).catch(() => {});
    // executor_info never waits: once it is answered, every frame sent before it was dispatched.
    await first.request('executor_info');
    expect(running).toBe(4);

    first.socket.terminate();
    const second = await server.nextLink(15_000);
    gate.resolve();
    // Requests wait in arrival order: once this one ran, the first link's were run or dropped.
    expect(await second.request('cancel', { workflow_id: 'after' })).toMatchObject({
      success: true,
    });
    expect(cancelled).toEqual(['after']);
    expect(running).toBe(4);
  });

  it('serves within the configured request limits: one running, one waiting, the next busy', async () => {
    const server = await conductor();
    const gate = deferred();
    let running = 0;
    agent(
      server,
      {
        list_workflows: async () => {
          running++;
          await gate.promise;
          return { output: [] };
        },
      },
      { concurrent: 1, waiting: 1, maxWaitMs: 60_000 },
    );
    const link = await server.nextLink();
    const answers = [1, 2, 3].map(() => link.request('list_workflows', { body: {} }));
    // The third found one running and one waiting: refused unrun, at once.
    expect((await answers[2])?.error_message).toMatch(/^Executor busy/);
    expect(running).toBe(1);
    gate.resolve();
    for (const answer of answers.slice(0, 2)) expect((await answer).output).toEqual([]);
    expect(running).toBe(2);
  });

  it('answers the requests in flight on stop(), then closes with 1000 and stays closed', async () => {
    const server = await conductor();
    const gate = deferred();
    const reached = deferred();
    const { agent: instance, logger } = agent(server, {
      list_workflows: async () => {
        reached.resolve();
        await gate.promise;
        return { output: [] };
      },
    });
    const link = await server.nextLink();
    const answer = link.request('list_workflows', { body: {} });
    await reached.promise;
    // stop() has begun (it runs up to its first wait at once) while the request is in flight.
    const stopped = instance.stop();
    gate.resolve();
    expect((await answer).output).toEqual([]);
    expect((await link.closed).code).toBe(1000);
    await stopped;
    // The agent decides whether to re-dial in its close handler, which has run once stop()
    // resolves, and logs every re-dial it schedules with its delay: none was.
    expect(logger.lines.filter((line) => 'retryInMs' in line.fields)).toEqual([]);
    expect(server.links).toHaveLength(1);
  });
});

describe('conductor link (app on PGlite, default timings)', () => {
  const harness = useHarness(pgliteBackend());
  let conductor: FakeConductor | undefined;
  afterEach(async () => {
    await conductor?.close();
    conductor = undefined;
  });
  let port: number;
  beforeAll(async () => (port = await freePort()));

  function app(appName = uniqueName('app')) {
    const podium = harness.podium({
      appName,
      conductorKey: 'k',
      conductorUrl: `ws://127.0.0.1:${port}/conductor/v1alpha1`,
    });
    const echo = podium.workflow('echo', (ctx, value: string) => ctx.step('say', () => value));
    const gate = deferred();
    const gated = podium.workflow('gated', async (ctx) => {
      await ctx.step('wait', () => gate.promise);
      return 'done';
    });
    return { podium, echo, gated, gate };
  }

  it('runs workflows while the control plane is down, and connects once it is up', async () => {
    const { podium, echo } = app();
    await podium.launch();
    expect(await echo('offline')).toBe('offline');
    conductor = await FakeConductor.start({ port });
    // The default backoff (1 s, 2 s, 4 s, … × 0.5–1.5) grew while it was down: the 5th retry
    // is at least 15.5 s after launch, and the one after the conductor is up under 24 s away.
    const link = await conductor.nextLink(30_000);
    expect(await link.request('executor_info')).toMatchObject({ executor_id: podium.executorId });
  });

  it('re-dials a killed link and reports the same executor_id', async () => {
    conductor = await FakeConductor.start({ port });
    const { podium } = app();
    await podium.launch();
    const first = await conductor.nextLink();
    const before = await first.request('executor_info');
    first.socket.terminate();
    const second = await conductor.nextLink(15_000);
    const after = await second.request('executor_info');
    expect(after.executor_id).toBe(before.executor_id);
    expect(after.executor_id).toBe(podium.executorId);
  });

  it('keeps the link up while shutdown drains workflows, then closes it with 1000', async () => {
    conductor = await FakeConductor.start({ port });
    const { podium, gated, gate } = app();
    await podium.launch();
    const link = await conductor.nextLink();
    await link.request('executor_info');
    const handle = await gated.start([]);
    await waitFor(async () => (await podium.listSteps(handle.workflowId)) !== null);
    // Shutdown begins at once and reaches its drain before the agent can read this request.
    const stopping = podium.shutdown();
    expect(await link.request('get_workflow', { workflow_id: handle.workflowId })).toMatchObject({
      output: { Status: 'PENDING' },
    });
    gate.resolve();
    await stopping;
    expect((await link.closed).code).toBe(1000);
  });
});
