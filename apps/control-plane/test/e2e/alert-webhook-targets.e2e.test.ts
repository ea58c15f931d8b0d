import { randomUUID } from 'node:crypto';
import {
  ApplicationSchema,
  CreateAlertWebhookResponseSchema,
  ListAlertWebhooksResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { WebhookSecretBox } from '../../src/modules/alerts/webhooks/webhook-secret-box';
import { WebhookUrlSealing } from '../../src/modules/alerts/webhooks/webhook-url-sealing';
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
  const database = () => stack.server.app.get<Database>(DATABASE).prisma;

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
    // Nor does the database hold it in clear (a dump would give the token away).
    const stored = await database().alertWebhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.url).not.toContain('hooks.example.com');
    expect(stored.url).not.toContain('SECRET');
  });

  it('stores URLs plain while a replica of an older version lives, then seals them all', async () => {
    // An older replica: its lease lives, its row lists no capabilities (as its version wrote it).
    const older = await database().replica.create({
      data: {
        id: randomUUID(),
        startedAt: new Date(),
        leaseUntil: new Date(Date.now() + 3_600_000),
      },
    });
    const path = `/v2/orgs/${org}/alert-webhooks`;
    const url = 'https://hooks.example.com/services/T0003/B0004/OLDSECRET';
    const created = bodyOf(await admin.post(path, { url }), CreateAlertWebhookResponseSchema, 201);
    const storedUrl = async () =>
      (await database().alertWebhook.findUniqueOrThrow({ where: { id: created.id } })).url;
    await expect(storedUrl()).resolves.toBe(url); // what the older replica reads
    const shown = async () =>
      ListAlertWebhooksResponseSchema.parse((await admin.get(path)).body).find(
        (hook) => hook.id === created.id,
      )?.url;
    await expect(shown()).resolves.toBe('https://hooks.example.com/…');

    const sealing = stack.server.app.get(WebhookUrlSealing);
    await expect(sealing.sealPlainUrls()).resolves.toBe(0);
    await expect(storedUrl()).resolves.toBe(url);

    // The older replica's lease passed (it stopped or died): every plain URL is sealed.
    await database().replica.update({
      where: { id: older.id },
      data: { leaseUntil: new Date(Date.now() - 3_600_000) },
    });
    // Sealed by this call, or by the coordinator's minute pass if it came first.
    await sealing.sealPlainUrls();
    const sealed = await storedUrl();
    expect(sealed).not.toContain('OLDSECRET');
    expect(stack.server.app.get(WebhookSecretBox).openUrl(sealed)).toBe(url);
    await expect(shown()).resolves.toBe('https://hooks.example.com/…');
    await expect(sealing.sealPlainUrls()).resolves.toBe(0);
  });
});
