import { UNKNOWN_MESSAGE_TYPE_ERROR } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { conductorScraper } from './conductor-scrape';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { scrape } from './prometheus-scrape';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * What `/v1/metrics` shows when executors cannot tell everything: an executor older than step
 * aggregates (DBOS TS < 4.19 answers "Unknown message type") still gives the workflow families,
 * and an application with no executor connected gives none, without failing the scrape.
 */
describe('GET /v1/metrics with executors that cannot answer everything', () => {
  const stack = usePostgresControlPlane();
  let scraper: ReturnType<typeof conductorScraper>;
  let old: ScriptedLink;
  let oldApp: string;
  let emptyApp: string;

  beforeAll(async () => {
    const f = factories(stack.server.app);
    const org = await f.newOrg();
    oldApp = (await f.newApp(org.id)).name;
    emptyApp = (await f.newApp(org.id)).name;
    const key = (await f.newApiKey(org.id)).secret;
    scraper = conductorScraper(stack.server, key);
    old = await connectScriptedExecutor(
      `${stack.server.conductorUrl}/websocket/${oldApp}/${key}`,
      { executor_id: 'old-executor', application_version: 'v1', dbos_version: '4.10.0' },
      (request) => {
        if (request.type === 'get_step_aggregates') {
          return { error_message: UNKNOWN_MESSAGE_TYPE_ERROR };
        }
        const body = request.body as { status?: string[] | null; completed_after?: string | null };
        // One success in the window; nothing waits; nothing else happened.
        const ended = body.completed_after != null && body.status?.includes('SUCCESS');
        return {
          output: ended
            ? [{ group: { status: 'SUCCESS', name: 'legacy', queue_name: null }, count: 6 }]
            : [],
        };
      },
    );
    await waitUntil(
      async () =>
        (await scrape(`${stack.server.url}/metrics`)).value('podium_executor_links', {
          state: 'connected',
        }) === 1,
      10_000,
      'the old executor linked',
    );
  });
  afterAll(async () => {
    await old?.close();
  });

  it('keeps the workflow families of an executor without step aggregates, and skips an app with no executor', async () => {
    scraper.pin(Date.now() - 120_000);
    const scraped = await scraper.v1();
    expect(
      scraped.value('dbos_conductor_v1_workflow_success_rate', {
        application: oldApp,
        workflow_name: 'legacy',
      }),
    ).toBe(0.1);
    expect(scraped.samples('dbos_conductor_v1_step_success_rate')).toEqual([]);
    expect(old.requests.map((r) => r.type)).toContain('get_step_aggregates');
    expect(
      scraped.value('dbos_conductor_v1_executor_count', { application: oldApp, status: 'HEALTHY' }),
    ).toBe(1);
    const applications = Object.values(scraped.families).flatMap((family) =>
      (family.data as Array<{ labels: Record<string, string> }>).map((d) => d.labels.application),
    );
    expect(applications).toContain(oldApp);
    expect(applications).not.toContain(emptyApp);
  });
});
