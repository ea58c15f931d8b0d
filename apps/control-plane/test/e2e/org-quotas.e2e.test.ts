import type { Database } from '@podium/db';
import {
  AlertingRuleSchema,
  ApplicationSchema,
  CreateAlertWebhookResponseSchema,
  CreateApiKeyResponseSchema,
  CreateJoinSecretResponseSchema,
  CreateRoleResponseSchema,
  GenerateJoinSecretResponseSchema,
  ListApplicationsResponseSchema,
  ListAuditLogsResponseSchema,
  ListOrganizationsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { usePostgresControlPlane } from './start';
import { TestBrowser, type TestResponse, bodyOf, pageOf, signUpAndIn } from './test-browser';

const QUOTA = 2;

describe('organization quotas over HTTP (PostgreSQL)', () => {
  const stack = usePostgresControlPlane({
    quotas: {
      applicationsPerOrg: QUOTA,
      liveApiKeysPerOrg: QUOTA,
      alertRulesPerOrg: QUOTA,
      alertWebhooksPerOrg: QUOTA,
      customRolesPerOrg: QUOTA,
      usableJoinSecretsPerOrg: QUOTA,
    },
  });
  let admin: TestBrowser;
  let made = 0;

  beforeAll(async () => {
    admin = new TestBrowser(stack.server.url);
    await signUpAndIn(admin);
  });

  /** A new organization of the admin's, with these applications: each test starts from empty. */
  async function newOrg(apps: string[] = []): Promise<string> {
    const org = `quotas-${Date.now().toString(36)}-${(made += 1)}`;
    const created = bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    expect(created).toMatchObject({ maxApps: QUOTA, maxConductorApps: QUOTA });
    for (const name of apps) {
      bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name }), ApplicationSchema, 201);
    }
    return org;
  }

  /** The refusal of a creation past the quota: a 409 problem naming what is full. */
  function expectQuotaRefusal(res: TestResponse, things: string) {
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      detail: expect.stringContaining(`has ${QUOTA} ${things}`) as string,
    });
  }

  it("names the application quota in DBOS's plan fields, on every organization answer", async () => {
    const org = await newOrg();
    const plan = { maxApps: QUOTA, maxConductorApps: QUOTA };
    expect(bodyOf(await admin.get(`/v2/orgs/${org}`), OrganizationSchema)).toMatchObject(plan);
    const listed = pageOf(await admin.get('/v2/orgs'), ListOrganizationsResponseSchema).items;
    expect(listed.find((o) => o.name === org)).toMatchObject(plan);
  });

  it('refuses an application past the quota, by POST and by DBOS-style PUT, until one is deleted', async () => {
    const org = await newOrg(['ledger', 'payroll']);
    expectQuotaRefusal(
      await admin.post(`/v2/orgs/${org}/apps`, { name: 'billing' }),
      'applications',
    );
    expectQuotaRefusal(await admin.put(`/v2/orgs/${org}/apps/billing`, {}), 'applications');
    // An application that exists is still "registered" (nothing is created).
    expect((await admin.put(`/v2/orgs/${org}/apps/ledger`, {})).status).toBe(204);

    // The refusals are operator actions like any: audited.
    const refused = bodyOf(
      await admin.get(`/v2/orgs/${org}/audit-logs?operation=application.create`),
      ListAuditLogsResponseSchema,
    ).filter((entry) => entry.status === 'failure');
    expect(refused.map((entry) => entry.target?.id)).toEqual(['billing', 'billing']);

    expect((await admin.delete(`/v2/orgs/${org}/apps/payroll`)).status).toBe(204);
    bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name: 'billing' }), ApplicationSchema, 201);
  });

  it('registers one name twice at once by PUT on the last place, both answered 204', async () => {
    const org = await newOrg(['ledger']);
    const puts = await Promise.all([1, 2].map(() => admin.put(`/v2/orgs/${org}/apps/billing`, {})));
    expect(puts.map((res) => res.status)).toEqual([204, 204]);
    const listed = bodyOf(await admin.get(`/v2/orgs/${org}/apps`), ListApplicationsResponseSchema);
    expect(listed.map((app) => app.name).sort()).toEqual(['billing', 'ledger']);
  });

  it('counts live API keys only: a revoked or expired one frees its place', async () => {
    const org = await newOrg();
    const create = (name: string) =>
      admin.post(`/v2/orgs/${org}/tokens`, { name, permissions: ['application.read'] });
    const first = bodyOf(await create('first'), CreateApiKeyResponseSchema, 201);
    const second = bodyOf(await create('second'), CreateApiKeyResponseSchema, 201);
    expectQuotaRefusal(await create('third'), 'live API keys');
    expectQuotaRefusal(
      await admin.post(`/v2/orgs/${org}/tokens/third`, { permissions: ['application.read'] }),
      'live API keys',
    );

    expect((await admin.delete(`/v2/orgs/${org}/tokens/${first.id}`)).status).toBe(204);
    bodyOf(await create('third'), CreateApiKeyResponseSchema, 201);
    expectQuotaRefusal(await create('fourth'), 'live API keys');

    const db = stack.server.app.get<Database>(DATABASE);
    await db.prisma.apiKey.update({
      where: { id: second.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    bodyOf(await create('fourth'), CreateApiKeyResponseSchema, 201);
  });

  it("counts alerting rules across the organization's applications", async () => {
    const org = await newOrg(['ledger', 'billing']);
    const rule = { ruleType: 'ExecutorDied', ruleMetadata: {} };
    const rulesOf = (app: string) => `/v2/orgs/${org}/apps/${app}/alerting-rules`;
    bodyOf(await admin.post(rulesOf('ledger'), rule), AlertingRuleSchema, 201);
    const second = bodyOf(await admin.post(rulesOf('billing'), rule), AlertingRuleSchema, 201);
    expectQuotaRefusal(await admin.post(rulesOf('ledger'), rule), 'alerting rules');

    expect((await admin.delete(`${rulesOf('billing')}/${second.id}`)).status).toBe(204);
    bodyOf(await admin.post(rulesOf('ledger'), rule), AlertingRuleSchema, 201);
  });

  it('refuses a custom role past the quota, a taken name still a conflict, until one is deleted', async () => {
    const org = await newOrg();
    const roles = `/v2/orgs/${org}/roles`;
    const role = (name: string) => ({ name, permissions: ['application.read'] });
    bodyOf(await admin.post(roles, role('auditor')), CreateRoleResponseSchema, 201);
    bodyOf(await admin.post(roles, role('on_call')), CreateRoleResponseSchema, 201);
    expectQuotaRefusal(await admin.post(roles, role('release')), 'custom roles');
    expect((await admin.post(roles, role('auditor'))).status).toBe(409);
    expect((await admin.post(roles, role('auditor'))).body).toMatchObject({ code: 'CONFLICT' });

    expect((await admin.delete(`${roles}/on_call`)).status).toBe(204);
    bodyOf(await admin.post(roles, role('release')), CreateRoleResponseSchema, 201);
  });

  it('counts usable join secrets, by either door: a revoked one frees its place', async () => {
    const org = await newOrg();
    const secrets = `/v2/orgs/${org}/join-secrets`;
    const first = bodyOf(
      await admin.post(secrets, { role: 'VIEWER' }),
      CreateJoinSecretResponseSchema,
      201,
    );
    bodyOf(await admin.post(`/v2/orgs/${org}/secrets`, {}), GenerateJoinSecretResponseSchema, 201);
    expectQuotaRefusal(await admin.post(secrets, { role: 'VIEWER' }), 'usable join secrets');
    expectQuotaRefusal(await admin.post(`/v2/orgs/${org}/secrets`, {}), 'usable join secrets');

    expect((await admin.delete(`${secrets}/${first.id}`)).status).toBe(204);
    bodyOf(await admin.post(secrets, { role: 'VIEWER' }), CreateJoinSecretResponseSchema, 201);
  });

  it("counts the organization's webhooks and its applications' together", async () => {
    const org = await newOrg(['ledger']);
    const hook = (path: string) => ({ url: `https://hooks.example.com/${path}`, format: 'json' });
    const orgHooks = `/v2/orgs/${org}/alert-webhooks`;
    const appHooks = `/v2/orgs/${org}/apps/ledger/alert-webhooks`;
    const first = bodyOf(
      await admin.post(orgHooks, hook('org')),
      CreateAlertWebhookResponseSchema,
      201,
    );
    bodyOf(await admin.post(appHooks, hook('ledger')), CreateAlertWebhookResponseSchema, 201);
    expectQuotaRefusal(await admin.post(appHooks, hook('more')), 'alert webhooks');
    expectQuotaRefusal(await admin.post(orgHooks, hook('more')), 'alert webhooks');

    expect((await admin.delete(`${orgHooks}/${first.id}`)).status).toBe(204);
    bodyOf(await admin.post(appHooks, hook('more')), CreateAlertWebhookResponseSchema, 201);
  });
});
