import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { LIST_HEADERS, ListWorkflowsResponseSchema, ProblemDetailsSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastKnownIndex } from '../../src/modules/workflows/last-known/last-known-index';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { pageOf } from './test-browser';
import { waitUntil } from './wait-until';

/** Small on purpose: seven matches take three requests, eight are more than one answer holds. */
const PAGE_SIZE = 3;
const MAX_RESULTS = 7;

/**
 * `POST .../workflows/search` without `limit` answers every match (as DBOS Conductor does),
 * read from a real DBOS Transact 5.2.11 executor in pages, up to a ceiling past which it is a
 * TOO_MANY_RESULTS problem; with no executor connected, the last-known index answers the same.
 */
describe('a workflow search without limit', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let executor: DbosExecutorProcess;
  let api: ReturnType<typeof apiClient>;
  let base: string;
  let key: string;
  /** crowd1..crowd7, in creation order. */
  let crowd: string[];

  const search = (body: Record<string, unknown>) =>
    api('post', `${base}/workflows/search`, { key, body });
  const page = async (body: Record<string, unknown>) =>
    pageOf(await search(body), ListWorkflowsResponseSchema);

  const stack = usePostgresControlPlane({
    workflowSearch: { pageSize: PAGE_SIZE, maxResults: MAX_RESULTS },
  });

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    api = apiClient(server.url);
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    executor = await startDbosExecutor({
      appName: app.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosSystemDb.url,
      scenario: 'crowd',
    });
    crowd = [1, 2, 3, 4, 5, 6, 7].map((n) => executor.workflows[`crowd${n}`] ?? '');
  }, 90_000);

  afterAll(async () => {
    await executor?.stop();
    await dbosSystemDb?.drop();
  });

  it('returns every match, read from the executor in pages, and no next page', async () => {
    const all = await page({ workflowIdPrefix: ['crowd-'], sortDesc: false });
    expect(all.items.map((w) => w.workflowId)).toEqual(crowd);
    expect(all).toMatchObject({ limit: MAX_RESULTS, offset: 0 });
    expect(all.nextOffset).toBeUndefined();

    const newestFirst = await page({ workflowIdPrefix: ['crowd-'] });
    expect(newestFirst.items.map((w) => w.workflowId)).toEqual([...crowd].reverse());
    const rest = await page({ workflowIdPrefix: ['crowd-'], sortDesc: false, offset: 5 });
    expect(rest.items.map((w) => w.workflowId)).toEqual(crowd.slice(5));
  });

  it('loads every match’s input and output when asked', async () => {
    const all = await page({
      workflowIdPrefix: ['crowd-'],
      sortDesc: false,
      loadInput: true,
      loadOutput: true,
    });
    expect(all.items.map((w) => [w.input, w.output])).toEqual(
      crowd.map((_, i) => [`[ 'guest ${i + 1}' ]`, `'HELLO GUEST ${i + 1}'`]),
    );
  });

  it('refuses more matches than the ceiling with a TOO_MANY_RESULTS problem', async () => {
    // The seven, and the workflow the executor ran before reporting ready.
    const res = await search({ workflowName: ['compose'] });
    expect(res.status).toBe(422);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(ProblemDetailsSchema.parse(res.body)).toMatchObject({
      code: 'TOO_MANY_RESULTS',
      maxResults: MAX_RESULTS,
    });
    // With a limit, the same search pages as before.
    const first = await page({ workflowName: ['compose'], limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
  });

  it('answers the same from the last-known index once no executor is connected', async () => {
    const single = await api('get', `${base}/workflows/${executor.workflowId}`, { key });
    expect(single.status).toBe(200);
    await server.app.get(LastKnownIndex).flush();
    await executor.stop();
    await waitUntil(
      async () =>
        (await search({ workflowIdPrefix: ['crowd-'] })).headers.has(LIST_HEADERS.lastKnownAt),
      15_000,
      'answers from the last-known index',
    );

    const all = await page({ workflowIdPrefix: ['crowd-'], sortDesc: false });
    expect(all.lastKnown).toMatchObject({ reason: 'no executor connected' });
    expect(all.items.map((w) => w.workflowId)).toEqual(crowd);
    const tooMany = await search({ workflowName: ['compose'] });
    expect(tooMany).toMatchObject({ status: 422, body: { code: 'TOO_MANY_RESULTS' } });
  });
});
