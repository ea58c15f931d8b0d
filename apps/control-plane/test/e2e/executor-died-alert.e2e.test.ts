import { AlertingRuleSchema, TimelineResponseSchema } from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client';
import { systemDatabase } from './pretend-system-database';
import { crash, helpers, newApp, type Setup, useScriptedRecovery } from './scripted-recovery';
import { waitUntil } from './wait-until';

// Podium's ExecutorDied alert against dead-executor recovery (scripted executors, see
// scripted-recovery.ts): it pages for a lost executor, not for a deploy.
describe('the ExecutorDied alert (scripted executors, PostgreSQL)', () => {
  const recovery = useScriptedRecovery();
  const { keep } = recovery;
  let setup: Setup;
  beforeAll(() => {
    setup = recovery.setup();
  });

  it('fires ExecutorDied for a lost executor, never for one that stopped on purpose', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const api = apiClient(setup.server.url);
    const base = `/v2/orgs/${setup.org.name}/apps/${app.name}`;
    const created = await api('post', `${base}/alerting-rules`, {
      key: setup.key,
      body: { ruleType: 'ExecutorDied', ruleMetadata: {} },
    });
    const rule = AlertingRuleSchema.parse(created.body);
    keep(await h.connect('peer-a', 'v1', db.script('v1')));
    const planned = keep(await h.connect('planned', 'v1', db.script('v1')));
    const crashing = keep(await h.connect('crashing', 'v1', db.script('v1')));
    await h.until('crashing', 'connected', (e) => e.status === 'HEALTHY');

    await planned.close(1000); // a deploy or a scale-in: nobody is paged
    await h.until('planned', 'recovered', (e) => e.stopped && e.recoveredAt !== null);
    await crash(crashing);
    const fired = await waitUntil(
      async () => {
        const res = await api('get', `${base}/timeline?kinds=alert.fired`, { key: setup.key });
        const events = TimelineResponseSchema.parse(res.body);
        return events.length > 0 ? events : undefined;
      },
      10_000,
      'ExecutorDied fired',
    );
    await h.until('crashing', 'recovered', (e) => e.recoveredAt !== null);
    // One firing, for the crashed one; the planned stop (dead first) fired none.
    expect(fired).toEqual([
      expect.objectContaining({
        target: { type: 'alert_rule', id: rule.id },
        summary: expect.stringContaining('Executor crashing ') as string,
      }),
    ]);
  });
});
