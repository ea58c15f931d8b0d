import { randomUUID } from 'node:crypto';
import {
  ApplicationSchema,
  CreateAlertWebhookResponseSchema,
  ListAlertDeliveriesResponseSchema,
  ListAlertWebhooksResponseSchema,
  OrganizationSchema,
  type AlertDelivery,
  type AlertWebhookPayload,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@podium/db';
import { CONFIG, type Config } from '../../src/config/config';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { UNREADABLE_URL } from '../../src/modules/alerts/alert.mapper';
import { AlertsRepository } from '../../src/modules/alerts/alerts.repository';
import { WebhookResumption } from '../../src/modules/alerts/delivery/webhook-resumption';
import { verifySignature } from '../../src/modules/alerts/webhooks/webhook-signature';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';
import { startWebhookReceiver } from './webhook-receiver';

/**
 * A webhook delivery left mid-way by a process that stopped (its retry was waiting when it was
 * deployed over, or it crashed) is resumed by the coordinator once its lease has passed: sent
 * once more, signed, from the attempt it had reached. A live process's delivery is left alone;
 * one whose webhook is gone fails saying so. The abandoned rows are written as a stopped
 * process leaves them.
 */
describe('webhook deliveries abandoned by a stopped process (PostgreSQL)', () => {
  let server: RunningControlPlane;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let owner: TestBrowser;
  let base: string;
  let organizationId: string;
  let applicationId: string;
  let alerts: AlertsRepository;

  const deliveries = async () =>
    bodyOf(await owner.get(`${base}/alert-deliveries`), ListAlertDeliveriesResponseSchema);
  const deliveryOf = async (id: string): Promise<AlertDelivery | undefined> =>
    (await deliveries()).find((d) => d.id === id);
  const reaching = (id: string, status: AlertDelivery['status']) =>
    waitUntil(
      async () => {
        const delivery = await deliveryOf(id);
        return delivery?.status === status ? delivery : undefined;
      },
      20_000,
      `delivery ${id} ${status}`,
    );
  const createWebhook = async (path: string) =>
    bodyOf(
      await owner.post(`${base}/alert-webhooks`, { url: `${receiver.url}${path}` }),
      CreateAlertWebhookResponseSchema,
      201,
    );

  /** A delivery as a process leaves it when it stops with `attemptsMade` failed attempts. */
  async function abandonedDelivery(
    webhookId: string,
    leaseUntil: Date,
    attemptsMade: number,
  ): Promise<{ id: string; body: string }> {
    const id = randomUUID();
    const payload: AlertWebhookPayload = {
      deliveryId: id,
      event: 'FIRING',
      ruleId: randomUUID(),
      ruleType: 'ExecutorDied',
      organization: 'acme',
      application: 'shop',
      message: 'Executor e-1 died',
      metadata: { executorId: 'e-1' },
      at: new Date().toISOString(),
    };
    const body = JSON.stringify(payload);
    const lease = { owner: 'a-replica-that-stopped', until: new Date(Date.now() + 3_600_000) };
    await alerts.createDelivery({
      id,
      organizationId,
      applicationId,
      ruleId: payload.ruleId,
      ruleType: payload.ruleType,
      event: payload.event,
      channel: 'webhook',
      webhookId,
      target: receiver.url,
      message: payload.message,
      body,
      lease,
    });
    const failed = { ok: false, httpStatus: 503, error: 'non-2xx answer', durationMs: 4 };
    for (let n = 1; n <= attemptsMade; n++) {
      const at = new Date().toISOString();
      const until = n === attemptsMade ? leaseUntil : lease.until;
      await alerts.recordAttempt(id, { at, ...failed }, 'PENDING', until);
    }
    return { id, body };
  }

  const stack = usePostgresControlPlane({
    alerts: { webhookResumeSweepMs: 100, webhookRetryBaseMs: 50, webhookAllowPrivate: true },
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = stack.server;
    alerts = server.app.get(AlertsRepository);
    owner = new TestBrowser(server.url);
    await signUpAndIn(owner);
    const org = bodyOf(
      await owner.post('/v2/orgs', { name: `resume-${Date.now().toString(36)}` }),
      OrganizationSchema,
      201,
    );
    const app = bodyOf(
      await owner.post(`/v2/orgs/${org.name}/apps`, { name: 'watched' }),
      ApplicationSchema,
      201,
    );
    organizationId = org.id;
    applicationId = app.id;
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('resumes an abandoned delivery once, signed, from the attempt it had reached', async () => {
    const hook = await createWebhook('/resumed');
    const abandoned = await abandonedDelivery(hook.id, new Date(Date.now() - 1_000), 2);

    const done = await reaching(abandoned.id, 'DELIVERED');
    expect(done.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
    const requests = receiver.received.filter((r) => r.path === '/resumed');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toBe(abandoned.body);
    expect(verifySignature(hook.secret, abandoned.body, requests[0]?.signature ?? '')).toBe(true);
  });

  it('fails, unsent, an abandoned delivery with no attempt left (the limit was lowered since)', async () => {
    const hook = await createWebhook('/spent');
    const max = server.app.get<Config>(CONFIG).alerts.webhookMaxAttempts;
    const spent = await abandonedDelivery(hook.id, new Date(Date.now() - 1_000), max);
    const failed = await reaching(spent.id, 'FAILED');
    expect(failed.attempts).toHaveLength(max);
    expect(receiver.received.filter((r) => r.path === '/spent')).toEqual([]);
  });

  it('fails, unsent, a delivery whose stored URL cannot be opened (another session secret), saying so', async () => {
    const hook = await createWebhook('/unreadable');
    // As a database restored under another PODIUM_SESSION_SECRET holds it: sealed, but not
    // with this replica's key (its authentication tag no longer matches).
    const db = server.app.get<Database>(DATABASE);
    const { url: sealed } = await db.prisma.alertWebhook.findUniqueOrThrow({
      where: { id: hook.id },
    });
    expect(sealed).toMatch(/^v1\./);
    const [version, iv, , body] = sealed.split('.');
    const foreign = [version, iv, Buffer.alloc(16).toString('base64url'), body].join('.');
    await db.prisma.alertWebhook.update({ where: { id: hook.id }, data: { url: foreign } });

    const abandoned = await abandonedDelivery(hook.id, new Date(Date.now() - 1_000), 1);
    const failed = await reaching(abandoned.id, 'FAILED');
    expect(failed.attempts).toHaveLength(2); // the abandoned one, then the one that could not go
    expect(failed.attempts.at(-1)?.error).toMatch(/URL cannot be read .*re-create the webhook/);
    expect(receiver.received.filter((r) => r.path === '/unreadable')).toEqual([]);
    const listed = bodyOf(
      await owner.get(`${base}/alert-webhooks`),
      ListAlertWebhooksResponseSchema,
    );
    expect(listed.find((w) => w.id === hook.id)?.url).toBe(UNREADABLE_URL);
  });

  it("leaves a live process's delivery alone, and fails one whose webhook was deleted", async () => {
    const live = await createWebhook('/live');
    const gone = await createWebhook('/gone');
    expect((await owner.delete(`${base}/alert-webhooks/${gone.id}`)).status).toBe(204);
    const leased = await abandonedDelivery(live.id, new Date(Date.now() + 3_600_000), 1);
    const orphan = await abandonedDelivery(gone.id, new Date(Date.now() - 1_000), 1);

    const failed = await reaching(orphan.id, 'FAILED');
    expect(failed.attempts.at(-1)?.error).toMatch(/webhook was deleted/);
    // A pass after that one (passes never overlap) has not touched the leased delivery either.
    await server.app.get(WebhookResumption).resumeAbandoned();
    const untouched = await deliveryOf(leased.id);
    expect(untouched).toMatchObject({ status: 'PENDING' });
    expect(untouched?.attempts).toHaveLength(1);
    expect(receiver.received.filter((r) => r.path === '/live' || r.path === '/gone')).toEqual([]);
  });
});
