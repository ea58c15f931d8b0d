import {
  ApplicationSchema,
  CreateAlertWebhookResponseSchema,
  ListAlertWebhooksResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

/**
 * On the default settings a webhook cannot point into the control plane's own network (any
 * account may add one, and the control plane would POST there and report what answered).
 */
describe('alert webhook targets on the default settings (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let admin: TestBrowser;
  let org: string;

  beforeAll(async () => {
    admin = new TestBrowser(stack.server.url);
    await signUpAndIn(admin);
    org = `hooks-${Date.now().toString(36)}`;
    bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name: 'ledger' }), ApplicationSchema, 201);
  });

  it('refuses private, loopback and link-local targets, of an app or of the organization', async () => {
    const targets = [
      'http://127.0.0.1:6379/',
      'http://localhost:8080/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'https://[::ffff:192.168.1.1]/hook',
    ];
    for (const path of [
      `/v2/orgs/${org}/apps/ledger/alert-webhooks`,
      `/v2/orgs/${org}/alert-webhooks`,
    ]) {
      for (const url of targets) {
        const refused = assertProblem(await admin.post(path, { url }), 422, 'VALIDATION_FAILED');
        expect(refused.detail).toMatch(/PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE=true/);
      }
    }
    const listed = await admin.get(`/v2/orgs/${org}/apps/ledger/alert-webhooks`);
    expect(listed.body).toEqual([]);
  });

  it('accepts a public target', async () => {
    const created = bodyOf(
      await admin.post(`/v2/orgs/${org}/apps/ledger/alert-webhooks`, {
        url: 'https://hooks.example.com/podium',
      }),
      CreateAlertWebhookResponseSchema,
      201,
    );
    expect(created.url).toBe('https://hooks.example.com/podium');
  });

  it('lists a URL without what may be its token; only its creator read it whole, once', async () => {
    const url = 'https://hooks.example.com/services/T0001/B0002/SECRET?channel=ops';
    const path = `/v2/orgs/${org}/apps/ledger/alert-webhooks`;
    const created = bodyOf(await admin.post(path, { url }), CreateAlertWebhookResponseSchema, 201);
    expect(created.url).toBe(url);
    const listed = ListAlertWebhooksResponseSchema.parse((await admin.get(path)).body);
    expect(listed.find((hook) => hook.id === created.id)?.url).toBe('https://hooks.example.com/…');
    expect(JSON.stringify(listed)).not.toContain('SECRET');
  });
});
