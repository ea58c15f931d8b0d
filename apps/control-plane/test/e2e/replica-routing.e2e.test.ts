import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { AppError } from '@podium/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorProxy } from '../../src/modules/executors/proxy/executor-proxy';
import { RemoteCommandServer } from '../../src/modules/executors/proxy/remote/remote-command-server';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import type { ScriptedLink } from './scripted-executor';
import { endpointOf, linkToReplica, replicaIdOf, startReplicas, type ReplicaSet } from './replicas';
import type { RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

const MiB = 1024 * 1024;

const answers: Script = (request) => {
  switch (request.type) {
    case 'get_workflow':
      return { output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' } };
    case 'cancel':
      return { success: true };
    default:
      return { error_message: 'Unknown message type' };
  }
};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AppError.is(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** How often the replica's proxy found nothing was sent to this executor and went on. */
function skipsOf(replica: RunningControlPlane, executorId: string): number {
  return replica.logs.filter(
    (line) => line.includes('nothing sent to a closing executor link') && line.includes(executorId),
  ).length;
}

describe('commands routed between replicas (PostgreSQL + Redis)', () => {
  let set: ReplicaSet;
  let a: RunningControlPlane;
  let b: RunningControlPlane;
  let db: Database;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };
  let key: string;
  const links: ScriptedLink[] = [];

  /** A link from a scripted executor to `replica`, once its row says CONNECTED there. */
  async function link(
    replica: RunningControlPlane,
    appName: string,
    info: { executor_id: string; application_version: string },
    script: Script = answers,
  ): Promise<ScriptedLink> {
    const opened = await linkToReplica(db, endpointOf(replica), { appName, key }, info, script);
    links.push(opened);
    return opened;
  }

  /** An executor row CONNECTED on `replicaId` whose link nobody holds (newest of its app). */
  function ghost(applicationId: string, replicaId: string) {
    return db.prisma.executor.create({
      data: {
        organizationId: org.id,
        applicationId,
        executorId: `ghost-${randomUUID()}`,
        applicationVersion: 'v2',
        language: 'typescript',
        sdkVersion: '5.2.11',
        status: 'CONNECTED',
        connectedAt: new Date(Date.now() + 60_000),
        lastSeenAt: new Date(),
        replicaId,
      },
    });
  }

  beforeAll(async () => {
    set = await startReplicas(2, {
      // Room for the 40 MiB answer; a short default timeout for the unanswered mutation.
      executors: { maxFrameBytes: 64 * MiB, requestTimeoutMs: 5_000 },
    });
    [a, b] = set.replicas as [RunningControlPlane, RunningControlPlane];
    db = a.app.get<Database>(DATABASE);
    f = factories(a.app);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    await Promise.allSettled(links.map((l) => l.close()));
    await set?.close();
  });

  it('records each executor on the replica holding its link, under a live lease', async () => {
    const app = await f.newApp(org.id);
    await link(a, app.name, { executor_id: 'on-a', application_version: 'v1' });
    await link(b, app.name, { executor_id: 'on-b', application_version: 'v1' });
    const replicas = await db.prisma.replica.findMany();
    expect(replicas.map((r) => r.id).sort()).toEqual([replicaIdOf(a), replicaIdOf(b)].sort());
    for (const replica of replicas)
      expect(replica.leaseUntil.getTime()).toBeGreaterThan(Date.now());
  });

  it('answers an HTTP request on replica B from an executor linked to replica A', async () => {
    const app = await f.newApp(org.id);
    const onA = await link(a, app.name, { executor_id: 'only-on-a', application_version: 'v1' });
    const res = await apiClient(b.url)(
      'get',
      `/v2/orgs/${org.name}/apps/${app.name}/workflows/wf-routed`,
      { key },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workflowId: 'wf-routed', status: 'SUCCESS' });
    expect(onA.requests.map((r) => r.type)).toEqual(['get_workflow']);
  });

  it("counts executors linked to other replicas in an application's versions", async () => {
    const app = await f.newApp(org.id);
    await link(a, app.name, { executor_id: 'counted-on-a', application_version: 'v5' });
    const res = await apiClient(b.url)('get', `/v2/orgs/${org.name}/apps/${app.name}/versions`, {
      key,
    });
    expect(res.body).toMatchObject([{ versionName: 'v5', connectedExecutors: 1 }]);
    expect(res.headers.get('x-podium-source')).toBe('records');
  });

  it('brings a 40 MiB answer across intact (spilled through Redis, not pub/sub)', async () => {
    const app = await f.newApp(org.id);
    const workflows = Array.from({ length: 100 }, (_, i) => ({
      WorkflowUUID: `wf-${i}`,
      Status: 'SUCCESS',
      Output: `${i}:`.padEnd(420 * 1024, String.fromCharCode(97 + (i % 26))),
    }));
    await link(a, app.name, { executor_id: 'big', application_version: 'v1' }, (request) =>
      request.type === 'list_workflows'
        ? { output: workflows }
        : { error_message: 'Unknown message type' },
    );
    const answer = await b.app
      .get(ExecutorProxy)
      .send(app.id, 'list_workflows', { body: {} }, { timeoutMs: 60_000 });
    const output = answer.output ?? [];
    expect(JSON.stringify(output).length).toBeGreaterThan(40 * MiB);
    expect(output).toEqual(workflows);
  });

  it('never sends a mutation twice when the owning replica stops answering', async () => {
    const app = await f.newApp(org.id);
    const onB = await link(b, app.name, { executor_id: 'older-on-b', application_version: 'v1' });
    const onA = await link(a, app.name, { executor_id: 'newer-on-a', application_version: 'v2' });
    // Replica A hangs: its command channel is held by a listener that never answers.
    const commands = `${set.redis.namespace}:replica:${replicaIdOf(a)}:commands`;
    await a.app.get(RemoteCommandServer).onModuleDestroy();
    const hung = new Redis(set.redis.url);
    const heard: string[] = [];
    hung.on('message', (_channel: string, message: string) => heard.push(message));
    await hung.subscribe(commands);
    try {
      const error = await rejection(
        b.app
          .get(ExecutorProxy)
          .send(app.id, 'cancel', { workflow_id: 'wf-1' }, { timeoutMs: 500 }),
      );
      expect(error).toMatchObject({ code: 'EXECUTOR_NO_ANSWER', status: 502 });
      expect(error.detail).toMatch(/may or may not have been applied/);
      await waitUntil(() => heard.length > 0, 10_000, 'the hung replica to hear the command');
      expect(heard).toHaveLength(1);
      expect(onB.requests).toEqual([]); // not sent again to the executor on B
      expect(onA.requests).toEqual([]);
    } finally {
      hung.disconnect();
      await a.app.get(RemoteCommandServer).onModuleInit();
    }
  });

  it('fails a read, and a mutation, over to another executor when the owner says it never sent it', async () => {
    const app = await f.newApp(org.id);
    const onB = await link(b, app.name, {
      executor_id: 'fallback-on-b',
      application_version: 'v1',
    });
    // Newest and of the newest version, so tried first: A holds no link of it.
    const { executorId } = await ghost(app.id, replicaIdOf(a));
    const proxy = b.app.get(ExecutorProxy);
    await expect(
      proxy.send(app.id, 'get_workflow', { workflow_id: 'wf-2' }),
    ).resolves.toMatchObject({ output: { WorkflowUUID: 'wf-2' } });
    await expect(proxy.send(app.id, 'cancel', { workflow_id: 'wf-2' })).resolves.toEqual(
      expect.objectContaining({ success: true }),
    );
    expect(onB.requests.map((r) => r.type)).toEqual(['get_workflow', 'cancel']);
    // Both were first routed to A, which said nothing was sent.
    expect(skipsOf(b, executorId)).toBe(2);
  });

  it('sends a mutation elsewhere when nobody listens on the owner’s channel (PUBLISH reached 0)', async () => {
    const app = await f.newApp(org.id);
    const onB = await link(b, app.name, {
      executor_id: 'survivor-on-b',
      application_version: 'v1',
    });
    // A replica with a live lease that does not listen (stopped listening, not yet expired).
    const silent = await db.prisma.replica.create({
      data: { id: randomUUID(), startedAt: new Date(), leaseUntil: new Date(Date.now() + 60_000) },
    });
    const { executorId } = await ghost(app.id, silent.id);
    await expect(
      b.app.get(ExecutorProxy).send(app.id, 'cancel', { workflow_id: 'wf-3' }),
    ).resolves.toEqual(expect.objectContaining({ success: true }));
    expect(onB.requests.map((r) => r.type)).toEqual(['cancel']);
    expect(skipsOf(b, executorId)).toBe(1);
  });

  it('leaves out executors of replicas whose lease has passed', async () => {
    const app = await f.newApp(org.id);
    const dead = await db.prisma.replica.create({
      data: { id: randomUUID(), startedAt: new Date(), leaseUntil: new Date(Date.now() - 1_000) },
    });
    await ghost(app.id, dead.id);
    const error = await rejection(
      b.app.get(ExecutorProxy).send(app.id, 'get_workflow', { workflow_id: 'wf-4' }),
    );
    expect(error).toMatchObject({ code: 'EXECUTOR_UNAVAILABLE', status: 503 });
  });
});
