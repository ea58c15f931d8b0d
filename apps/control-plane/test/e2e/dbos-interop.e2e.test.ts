import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry, type LiveExecutor } from '../../src/modules/executors/executor-registry';
import { ExecutorListingsRepository } from '../../src/modules/executors/executor-listings.repository';
import { startDbosApp, type DbosApp } from './dbos-app';
import { waitUntil } from './wait-until';

describe('a real DBOS Transact 5.2.11 executor', () => {
  let setup: DbosApp;
  let server: DbosApp['server'];
  let executor: DbosApp['executor'];
  let org: DbosApp['org'];
  let app: DbosApp['app'];
  let live: LiveExecutor;

  beforeAll(async () => {
    setup = await startDbosApp();
    ({ server, executor, org, app } = setup);
    const registry = server.app.get(ExecutorRegistry);
    live = await waitUntil(() => registry.forApplication(app.id)[0], 10_000, 'DBOS link');
  }, 90_000);

  afterAll(() => setup?.stop());

  it('connects with its key and reports who it is', async () => {
    expect(live.identity).toMatchObject({
      language: 'typescript',
      sdkVersion: '5.2.11',
      metadata: { suite: 'podium-e2e' },
    });
    expect(live.identity.applicationVersion).toMatch(/^[0-9a-f]{32}$/);
    const [record] = await server.app
      .get(ExecutorListingsRepository)
      .findForApplication(org.id, app.id);
    expect(record).toMatchObject({ status: 'CONNECTED', executorId: live.identity.executorId });
  });

  it('answers requests we encode: its workflow and steps, exactly as it ran them', async () => {
    const got = await live.link.request('get_workflow', { workflow_id: executor.workflowId });
    expect(got.error_message ?? undefined).toBeUndefined();
    expect(got.output).toMatchObject({
      WorkflowUUID: executor.workflowId,
      Status: 'SUCCESS',
      WorkflowName: 'compose',
    });

    const steps = await live.link.request('list_steps', { workflow_id: executor.workflowId });
    expect(steps.output?.map((s) => s.function_name)).toEqual(['greet', 'shout']);

    const listed = await live.link.request('list_workflows', {
      body: { workflow_name: 'compose', limit: 10 },
    });
    expect(listed.output?.map((w) => w.WorkflowUUID)).toContain(executor.workflowId);
  });

  it('answers an unknown workflow without an error, and is marked DISCONNECTED when it stops', async () => {
    const missing = await live.link.request('get_workflow', { workflow_id: 'no-such-workflow' });
    expect(missing.output ?? null).toBeNull();

    await executor.stop();
    await waitUntil(
      async () => {
        const [record] = await server.app
          .get(ExecutorListingsRepository)
          .findForApplication(org.id, app.id);
        return record?.status === 'DISCONNECTED';
      },
      10_000,
      'DISCONNECTED record',
    );
  });
});
