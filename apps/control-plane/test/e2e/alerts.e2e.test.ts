import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  AlertWebhookPayloadSchema,
  AlertingRuleSchema,
  CreateAlertWebhookResponseSchema,
  ListAlertDeliveriesResponseSchema,
  ListAlertingRulesResponseSchema,
  ListAuditLogsResponseSchema,
  SearchWorkflowsResponseSchema,
  type AlertEvent,
  type AlertRuleType,
  type AlertWebhookPayload,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/modules/alerts/webhooks/webhook-signature';
import { type DbosExecutorProcess, startDbosExecutor } from './dbos-executor';
import { setUpOwnedApp } from './owned-app';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';
import { startWebhookReceiver } from './webhook-receiver';

/**
 * Alerting end to end on real parts: a control plane on PostgreSQL, real DBOS 5.2.11 executors
 * (its `DBOS.setAlertHandler` prints what the `alert` message brings), a real HTTP receiver
 * checking every signature. Each rule type is driven to fire and then to resolve.
 */
describe('alerting rules, evaluation and delivery (DBOS 5.2.11 executors)', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let owner: TestBrowser;
  let orgName: string;
  let appName: string;
  let base: string;
  let apiKey: string;
  let hookSecret: string;
  let first: DbosExecutorProcess | undefined;
  let second: DbosExecutorProcess | undefined;

  const hookPayloads = () =>
    receiver.received
      .filter((r) => r.path === '/hook' && r.answered === 200)
      .map((r) => AlertWebhookPayloadSchema.parse(JSON.parse(r.body)));
  const notified = (ruleType: AlertRuleType, event: AlertEvent) =>
    waitUntil(
      () => hookPayloads().find((p) => p.ruleType === ruleType && p.event === event),
      90_000,
      `${ruleType} ${event} at the webhook`,
    );
  const startExecutor = (scenario?: 'operations') =>
    startDbosExecutor({
      appName,
      conductorUrl: server.conductorUrl,
      apiKey,
      systemDatabaseUrl: dbosSystemDb.url,
      scenario,
    });

  const stack = usePostgresControlPlane({
    alerts: { evaluationMs: 200, webhookRetryBaseMs: 50, webhookAllowPrivate: true },
  });

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    receiver = await startWebhookReceiver({ refuseFirstOn: '/hook' });
    server = stack.server;
    const owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'alerts',
      app: { name: 'alerted', executorTimeoutSecs: 5 },
      permissions: ['websocket.connect'],
    });
    ({ owner, orgName, base, apiKey } = owned);
    appName = owned.app.name;
    first = await startExecutor('operations'); // leaves one ERROR workflow, among others
  }, 120_000);

  afterAll(async () => {
    first?.child.kill('SIGKILL');
    await second?.stop();
    await receiver?.close();
    await dbosSystemDb?.drop();
  });

  it('creates rules with DBOS’s shapes, refuses bad parameters, audits, and isolates tenants', async () => {
    const bad = await owner.post(`${base}/alerting-rules`, {
      ruleType: 'WorkflowFailure',
      ruleMetadata: { threshold: 0, typo: 1 },
    });
    expect(bad.status).toBe(422);
    const unknownReceiver = await owner.post(`${base}/alerting-rules`, {
      ruleType: 'ExecutorDied',
      ruleMetadata: {},
      receivingAppName: 'no-such-app',
    });
    expect(unknownReceiver.status).toBe(404);

    const hook = bodyOf(
      await owner.post(`${base}/alert-webhooks`, { url: `${receiver.url}/hook` }),
      CreateAlertWebhookResponseSchema,
      201,
    );
    hookSecret = hook.secret;
    expect(hookSecret.startsWith(hook.secretPrefix)).toBe(true);
    bodyOf(
      await owner.post(`/v2/orgs/${orgName}/alert-webhooks`, {
        url: `${receiver.url}/slack`,
        format: 'slack',
      }),
      CreateAlertWebhookResponseSchema,
      201,
    );

    const created = [
      { ruleType: 'WorkflowFailure', ruleMetadata: { threshold: 1, period_secs: 3600 } },
      { ruleType: 'UnresponsiveApplication', ruleMetadata: { period_secs: 1 } },
      { ruleType: 'ExecutorDied', ruleMetadata: {}, minIntervalSecs: 60 },
      { ruleType: 'SlowQueue', ruleMetadata: { threshold_secs: 1 } },
    ].map(async (rule) =>
      bodyOf(await owner.post(`${base}/alerting-rules`, rule), AlertingRuleSchema, 201),
    );
    const rules = await Promise.all(created);
    expect(rules[0]).toMatchObject({
      appId: rules[0]?.receivingAppId,
      ruleType: 'WorkflowFailure',
      ruleMetadata: { threshold: 1, period_secs: 3600 },
      minIntervalSecs: null,
      lastFiredAt: null,
    });
    const listed = bodyOf(
      await owner.get(`${base}/alerting-rules`),
      ListAlertingRulesResponseSchema,
    );
    expect(listed.map((r) => r.ruleType).sort()).toEqual([
      'ExecutorDied',
      'SlowQueue',
      'UnresponsiveApplication',
      'WorkflowFailure',
    ]);

    // Edited in place (Podium's PATCH): the type stays, parameters are checked against it.
    const edited = bodyOf(
      await owner.patch(`${base}/alerting-rules/${rules[0]?.id}`, { minIntervalSecs: 0 }),
      AlertingRuleSchema,
    );
    expect(edited).toMatchObject({ ruleType: 'WorkflowFailure', minIntervalSecs: 0 });
    const badEdit = await owner.patch(`${base}/alerting-rules/${rules[0]?.id}`, {
      ruleMetadata: { threshold_secs: 5 },
    });
    expect(badEdit.status).toBe(422);

    // An executor key is not an operator's.
    const byKey = await fetch(`${server.url}${base}/alerting-rules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ruleType: 'ExecutorDied', ruleMetadata: {} }),
    });
    expect(byKey.status).toBe(403);

    const outsider = new TestBrowser(server.url);
    await signUpAndIn(outsider);
    expect((await outsider.get(`${base}/alerting-rules`)).status).toBe(404);
    expect((await outsider.delete(`${base}/alerting-rules/${rules[0]?.id}`)).status).toBe(404);
    expect((await outsider.get(`${base}/alert-deliveries`)).status).toBe(404);
    const outsiderEdit = await outsider.patch(`${base}/alerting-rules/${rules[0]?.id}`, {
      minIntervalSecs: 1,
    });
    expect(outsiderEdit.status).toBe(404);

    const audit = bodyOf(
      await owner.get(`/v2/orgs/${orgName}/audit-logs?limit=100`),
      ListAuditLogsResponseSchema,
    );
    const actions = audit.map((e) => `${e.operation}:${e.status}`);
    expect(actions.filter((a) => a === 'alerting_rule.create:success')).toHaveLength(4);
    expect(actions).toContain('alerting_rule.create:failure'); // the unknown receiver
    expect(actions).toContain('alerting_rule.update:success');
    expect(actions.filter((a) => a === 'alert_webhook.create:success')).toHaveLength(2);
  });

  it('fires WorkflowFailure: a signed webhook (retried after a 500), Slack text, and the alert message to the DBOS app’s handler', async () => {
    const fired = await notified('WorkflowFailure', 'FIRING');
    expect(fired).toMatchObject({
      organization: orgName,
      application: appName,
      metadata: { workflow_name: '*', threshold: '1', period_secs: '3600' },
    });
    expect(Number(fired.metadata.failed_workflow_count)).toBeGreaterThanOrEqual(1);

    const hookRequests = receiver.received.filter((r) => r.path === '/hook');
    for (const request of hookRequests) {
      expect(verifySignature(hookSecret, request.body, request.signature)).toBe(true);
      expect(verifySignature(`${hookSecret}x`, request.body, request.signature)).toBe(false);
    }
    const slack = await waitUntil(
      () =>
        receiver.received.find((r) => r.path === '/slack' && r.body.includes('WorkflowFailure')),
      30_000,
      'the Slack-format notification',
    );
    expect(JSON.parse(slack.body)).toEqual({ text: expect.stringContaining('[FIRING]') as string });

    // DBOS.setAlertHandler got (rule type, message, metadata).
    const line = await waitUntil(
      () => /PODIUM_FIXTURE_ALERT (\{.*\})/.exec(first?.output() ?? '')?.[1],
      30_000,
      'the DBOS alert handler',
    );
    expect(JSON.parse(line)).toMatchObject({
      name: 'WorkflowFailure',
      metadata: { workflow_name: '*', threshold: '1' },
    });

    // The receiver refused the first webhook request (whichever rule it carried): retried.
    const retried = await waitUntil(
      async () => {
        const all = bodyOf(
          await owner.get(`${base}/alert-deliveries`),
          ListAlertDeliveriesResponseSchema,
        );
        const refused = all.find(
          (d) => d.channel === 'webhook' && d.attempts[0]?.httpStatus === 500,
        );
        return refused?.status === 'DELIVERED' ? refused : null;
      },
      30_000,
      'the refused delivery to be retried',
    );
    expect(retried.target).toBe(receiver.url);
    expect(retried.attempts.map((a) => [a.ok, a.httpStatus])).toEqual([
      [false, 500],
      [true, 200],
    ]);
    const toExecutor = await waitUntil(
      async () =>
        bodyOf(await owner.get(`${base}/alert-deliveries`), ListAlertDeliveriesResponseSchema).find(
          (d) =>
            d.channel === 'executor' && d.ruleType === 'WorkflowFailure' && d.status !== 'PENDING',
        ),
      30_000,
      'the alert message delivery',
    );
    expect(toExecutor).toMatchObject({ status: 'DELIVERED', target: appName });
    const rules = bodyOf(
      await owner.get(`${base}/alerting-rules`),
      ListAlertingRulesResponseSchema,
    );
    const rule = rules.find((r) => r.ruleType === 'WorkflowFailure');
    expect(rule?.state).toBe('FIRING');
    expect(rule?.lastFiredAt).not.toBeNull();
  });

  it('fires UnresponsiveApplication and ExecutorDied when the executor is killed, and resolves both when another takes over', async () => {
    first?.child.kill('SIGKILL');
    const unresponsive = await notified('UnresponsiveApplication', 'FIRING');
    expect(unresponsive.metadata).toEqual({
      application_name: appName,
      connected_executor_count: '0',
    });
    const died = await notified('ExecutorDied', 'FIRING');
    expect(died.metadata.executor_id).toBeTruthy();

    second = await startExecutor();
    await notified('UnresponsiveApplication', 'RESOLVED');
    await notified('ExecutorDied', 'RESOLVED'); // its workflows were recovered
    const rules = bodyOf(
      await owner.get(`${base}/alerting-rules`),
      ListAlertingRulesResponseSchema,
    );
    expect(rules.find((r) => r.ruleType === 'ExecutorDied')?.state).toBe('OK');
    // Each fired once while it stayed true.
    const firings = hookPayloads().filter((p) => p.event === 'FIRING');
    expect(firings.filter((p) => p.ruleType === 'UnresponsiveApplication')).toHaveLength(1);
    expect(firings.filter((p) => p.ruleType === 'ExecutorDied')).toHaveLength(1);
  }, 120_000);

  it('fires SlowQueue for the workflow left waiting behind a busy queue, and resolves it once that is gone', async () => {
    const fired = await notified('SlowQueue', 'FIRING');
    expect(fired.metadata).toMatchObject({ queue_name: '*', threshold_secs: '1' });
    expect(Number(fired.metadata.stuck_workflow_count)).toBeGreaterThanOrEqual(1);
    const queued = bodyOf(
      await owner.post(`${base}/workflows/search`, { status: ['ENQUEUED'] }),
      SearchWorkflowsResponseSchema,
    );
    for (const { workflowId } of queued) {
      expect((await owner.delete(`${base}/workflows/${workflowId}`)).status).toBeLessThan(300);
    }
    const resolved = await notified('SlowQueue', 'RESOLVED');
    expect(resolved.metadata.stuck_workflow_count).toBe('0');
  }, 120_000);

  it('resolves WorkflowFailure once the failed workflows are gone', async () => {
    const failed = bodyOf(
      await owner.post(`${base}/workflows/search`, { status: ['ERROR'] }),
      SearchWorkflowsResponseSchema,
    );
    const failedIds = failed.map((w) => w.workflowId);
    expect(failedIds.length).toBeGreaterThan(0);
    for (const id of failedIds) {
      expect((await owner.delete(`${base}/workflows/${id}`)).status).toBeLessThan(300);
    }
    const resolved: AlertWebhookPayload = await notified('WorkflowFailure', 'RESOLVED');
    expect(resolved.metadata.failed_workflow_count).toBe('0');
    // The signing secret never reached a log line.
    expect(server.logs.join('')).not.toContain(hookSecret);
  }, 120_000);
});
