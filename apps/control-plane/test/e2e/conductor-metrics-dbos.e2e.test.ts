import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetWorkflowResponseSchema } from '@podium/protocol';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { conductorScraper } from './conductor-scrape';
import { type DbosExecutorProcess, startDbosExecutor } from './dbos-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * `/v1/metrics` from an unmodified DBOS Transact 5.2.11 executor whose fixture leaves known
 * states (`operations`): `compose` SUCCESS, `failing` ERROR (its `charge` step threw), `waiting`
 * PENDING twice (once unqueued, once running on `podium-serial`) and once ENQUEUED behind it.
 */
describe('GET /v1/metrics from a real DBOS Transact 5.2.11 executor', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let executor: DbosExecutorProcess;
  let scraper: ReturnType<typeof conductorScraper>;
  let appName: string;
  let minutes: number[];

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    appName = app.name;
    const key = (await f.newApiKey(org.id)).secret;
    scraper = conductorScraper(server, key);
    const t0 = Date.now();
    executor = await startDbosExecutor({
      appName,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosSystemDb.url,
      scenario: 'operations',
    });
    // The queue's first workflow is dequeued by DBOS's poller, a moment after the fixture is ready.
    const api = apiClient(server.url);
    const running = `/v2/orgs/${org.name}/apps/${appName}/workflows/${executor.workflows.queueRunning}`;
    // Until DBOS has the workflow (and its link is up) the answer may be a problem: wait on.
    await waitUntil(
      async () => {
        const answer = await api('get', running, { key });
        return (
          answer.status === 200 && GetWorkflowResponseSchema.parse(answer.body).status === 'PENDING'
        );
      },
      15_000,
      'the first queued workflow dequeued',
    );
    minutes = scraper.minutesBetween(t0, Date.now());
  }, 90_000);

  afterAll(async () => {
    await executor?.stop();
    await dbosSystemDb?.drop();
  });

  const countOver = (family: string, labels: Record<string, string>) =>
    scraper.countOver(minutes, family, { application: appName, ...labels });

  it('reports what DBOS did in the minute as rates', async () => {
    expect(await countOver('workflow_success_rate', { workflow_name: 'compose' })).toBe(1);
    expect(await countOver('workflow_failed_rate', { workflow_name: 'failing' })).toBe(1);
    expect(await countOver('workflow_started_rate', { workflow_name: 'waiting' })).toBe(3);
    expect(
      await countOver('workflow_dequeued_rate', {
        workflow_name: 'waiting',
        queue_name: 'podium-serial',
      }),
    ).toBe(1);
    expect(await countOver('step_failed_rate', { step_name: 'charge' })).toBe(1);
    expect(await countOver('step_success_rate', { step_name: 'greet' })).toBe(1);
  });

  it('reports what waits now: pending by workflow, enqueued by queue, and the oldest of each', async () => {
    scraper.pin(minutes.at(-1)!);
    const now = await scraper.v1();
    const labels = { application: appName, workflow_name: 'waiting' };
    expect(now.value('dbos_conductor_v1_workflow_pending_count', labels)).toBe(2);
    const queued = { ...labels, queue_name: 'podium-serial' };
    expect(now.value('dbos_conductor_v1_workflow_enqueued_count', queued)).toBe(1);
    const oldestEnqueued = now.samples(
      'dbos_conductor_v1_workflow_oldest_enqueued_timestamp_seconds',
      queued,
    );
    expect(oldestEnqueued).toHaveLength(1);
    expect(oldestEnqueued[0]!.timestamp).toBeUndefined(); // a point value: not stamped
    expect(oldestEnqueued[0]!.value * 1000).toBeGreaterThanOrEqual(minutes[0]!);
    expect(
      now.value('dbos_conductor_v1_executor_count', { application: appName, status: 'HEALTHY' }),
    ).toBe(1);
  });
});
