import {
  AlertWebhookPayloadSchema,
  AlertingRuleSchema,
  ApplicationSchema,
  CreateAlertWebhookResponseSchema,
  CreateApiKeyResponseSchema,
  ListAlertDeliveriesResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicaRole } from '../../src/infra/replica/replica-role';
import { connectExecutor } from './fake-executor';
import { startReplicas, type ReplicaSet } from './replicas';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';
import { startWebhookReceiver } from './webhook-receiver';

/**
 * Three replicas, each with an evaluator ticking every 100 ms, share one deployment: only the
 * coordinator evaluates, so a rule fires once and resolves once, and the other replicas log no
 * alert of their own.
 */
describe('alert evaluation across replicas (PostgreSQL + Redis)', () => {
  let set: ReplicaSet;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let owner: TestBrowser;
  let executor: WebSocket | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    set = await startReplicas(3, {
      alerts: { evaluationMs: 100, webhookRetryBaseMs: 50, webhookAllowPrivate: true },
    });
    owner = new TestBrowser(set.replicas[1]!.url);
    await signUpAndIn(owner);
  }, 120_000);

  afterAll(async () => {
    executor?.close();
    await set?.close();
    await receiver?.close();
  });

  it('fires and resolves an UnresponsiveApplication rule once, from the coordinator only', async () => {
    const org = `alert-replicas-${Date.now().toString(36)}`;
    bodyOf(await owner.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    const app = bodyOf(
      await owner.post(`/v2/orgs/${org}/apps`, { name: 'lonely' }),
      ApplicationSchema,
      201,
    );
    const base = `/v2/orgs/${org}/apps/${app.name}`;
    bodyOf(
      await owner.post(`/v2/orgs/${org}/alert-webhooks`, { url: `${receiver.url}/all` }),
      CreateAlertWebhookResponseSchema,
      201,
    );
    const rule = bodyOf(
      await owner.post(`${base}/alerting-rules`, {
        ruleType: 'UnresponsiveApplication',
        ruleMetadata: { period_secs: 1 },
      }),
      AlertingRuleSchema,
      201,
    );
    const events = () =>
      receiver.received.map((r) => AlertWebhookPayloadSchema.parse(JSON.parse(r.body)).event);

    await waitUntil(() => events().includes('FIRING'), 30_000, 'the rule to fire');
    const { token: secret } = bodyOf(
      await owner.post(`/v2/orgs/${org}/tokens`, {
        name: 'executors',
        permissions: ['websocket.connect'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    const opened = await connectExecutor(
      `${set.replicas[2]!.conductorUrl}/websocket/${app.name}/${secret}`,
      { executor_id: 'the-only-one', application_version: 'v1' },
    );
    if (!('ws' in opened)) throw new Error(`refused: ${opened.refused} ${opened.body}`);
    executor = opened.ws;
    await waitUntil(() => events().includes('RESOLVED'), 30_000, 'the rule to resolve');

    expect(events()).toEqual(['FIRING', 'RESOLVED']);
    const deliveries = bodyOf(
      await owner.get(`${base}/alert-deliveries`),
      ListAlertDeliveriesResponseSchema,
    ).filter((d) => d.ruleId === rule.id && d.channel === 'webhook');
    expect(deliveries.map((d) => d.event).sort()).toEqual(['FIRING', 'RESOLVED']);
    const firingLogs = set.replicas.map(
      (replica) => replica.logs.filter((line) => line.includes('"alert firing"')).length,
    );
    // One replica fired it, and it is the coordinator.
    expect(firingLogs.filter((n) => n > 0)).toEqual([1]);
    const firedBy = set.replicas[firingLogs.findIndex((n) => n > 0)];
    expect(firedBy?.app.get(ReplicaRole).isCoordinator).toBe(true);
    expect(set.replicas.filter((r) => r.app.get(ReplicaRole).isCoordinator)).toHaveLength(1);
  }, 90_000);
});
