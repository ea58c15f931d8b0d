import {
  AlertingRuleSchema,
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  ListAlertingRulesResponseSchema,
  ListAuditLogsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

/**
 * Who may receive an application's alerts (no executors needed: rules are only stored here). An
 * API key limited to some applications names receivers among them only; any other application
 * is unknown to it, worded as one that does not exist (never probed).
 */
describe('alerting rule receivers within an API key’s scope (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let admin: TestBrowser;
  let org: string;
  let scoped: { headers: { authorization: string } };

  const rules = (app: string) => `/v2/orgs/${org}/apps/${app}/alerting-rules`;
  const unknownReceiver = (name: string) =>
    `No application named "${name}" in "${org}" to receive the alerts.`;

  beforeAll(async () => {
    admin = new TestBrowser(stack.server.url);
    await signUpAndIn(admin);
    org = `receivers-${Date.now().toString(36)}`;
    bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    for (const name of ['ledger', 'payroll']) {
      bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name }), ApplicationSchema, 201);
    }
    const key = bodyOf(
      await admin.post(`/v2/orgs/${org}/tokens`, {
        name: 'ledger operator',
        permissions: ['application.read', 'application.write'],
        applications: ['ledger'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    scoped = { headers: { authorization: `Bearer ${key.token}` } };
  });

  it('refuses a receiver outside the key’s scope as an unknown application, on create and update', async () => {
    const api = new TestBrowser(stack.server.url);
    const rule = { ruleType: 'ExecutorDied', ruleMetadata: {} };
    for (const name of ['payroll', 'no-such-app']) {
      const created = await api.post(rules('ledger'), { ...rule, receivingAppName: name }, scoped);
      expect(assertProblem(created, 404, 'NOT_FOUND').detail).toBe(unknownReceiver(name));
    }

    const own = bodyOf(await api.post(rules('ledger'), rule, scoped), AlertingRuleSchema, 201);
    for (const name of ['payroll', 'no-such-app']) {
      const updated = await api.patch(
        `${rules('ledger')}/${own.id}`,
        { receivingAppName: name },
        scoped,
      );
      expect(assertProblem(updated, 404, 'NOT_FOUND').detail).toBe(unknownReceiver(name));
    }
    const listed = bodyOf(await admin.get(rules('ledger')), ListAlertingRulesResponseSchema);
    expect(listed).toEqual([expect.objectContaining({ id: own.id, receivingAppId: own.appId })]);
  });

  it('lets a signed-in member name any application of the organization', async () => {
    const created = bodyOf(
      await admin.post(rules('ledger'), {
        ruleType: 'ExecutorDied',
        ruleMetadata: {},
        receivingAppName: 'payroll',
      }),
      AlertingRuleSchema,
      201,
    );
    expect(created.receivingAppId).not.toBe(created.appId);
  });

  it('keeps a rule whose receiver is deleted, its alerts going to its own application again', async () => {
    bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name: 'pager' }), ApplicationSchema, 201);
    const rule = bodyOf(
      await admin.post(rules('ledger'), {
        ruleType: 'ExecutorDied',
        ruleMetadata: {},
        receivingAppName: 'pager',
      }),
      AlertingRuleSchema,
      201,
    );
    expect((await admin.delete(`/v2/orgs/${org}/apps/pager`)).status).toBe(204);
    const listed = bodyOf(await admin.get(rules('ledger')), ListAlertingRulesResponseSchema);
    expect(listed.find((r) => r.id === rule.id)).toMatchObject({ receivingAppId: rule.appId });
    const [entry] = bodyOf(
      await admin.get(`/v2/orgs/${org}/audit-logs?operation=application.delete`),
      ListAuditLogsResponseSchema,
    );
    expect(entry?.details).toMatchObject({ alertRulesReceivingOwnAlerts: [rule.id] });
  });
});
