import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { mapAlertDelivery } from './alert.mapper';
import { AlertsRepository } from './alerts.repository';

// The evaluator's state moves and the delivery log, on both databases the control plane runs
// on (the log is appended with SQL of its own).
describe.each(DATABASE_BACKENDS)('alert rules and deliveries on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let alerts: AlertsRepository;
  let organizationId: string;
  let applicationId: string;

  beforeAll(async () => {
    db = database();
    alerts = new AlertsRepository(db);
    const org = await db.prisma.organization.create({ data: { name: 'acme', displayName: 'A' } });
    const app = await db.prisma.application.create({
      data: { organizationId: org.id, name: 'shop' },
    });
    organizationId = org.id;
    applicationId = app.id;
  });

  async function newRule(ruleType: 'ExecutorDied' | 'WorkflowFailure') {
    const rule = await alerts.createRule(
      {
        organizationId,
        applicationId,
        receivingApplicationId: applicationId,
        ruleType,
        ruleMetadata: {},
        minIntervalSecs: null,
      },
      0,
    );
    if (rule === QUOTA_EXCEEDED) throw new Error('no quota was set');
    return rule;
  }

  it('moves a rule OK → FIRING once, however many try, stamps lastFiredAt and records each move', async () => {
    const rule = await newRule('ExecutorDied');
    const at = new Date();
    const moves = await Promise.all(
      [1, 2, 3].map(() =>
        alerts.changeState(rule, 'OK', 'FIRING', at, { fired: true, message: 'it died' }),
      ),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    const [stored] = await alerts.findRulesToEvaluate({ applicationId });
    expect(stored).toMatchObject({ state: 'FIRING', lastFiredAt: at, stateChangedAt: at });
    expect(stored?.application).toEqual({ name: 'shop', organization: { name: 'acme' } });
    const resolved = { fired: false, message: 'Resolved: it died' };
    await expect(alerts.changeState(rule, 'FIRING', 'OK', at, resolved)).resolves.toBe(true);
    const history = await db.prisma.alertEvent.findMany({
      where: { ruleId: rule.id },
      orderBy: { event: 'asc' },
    });
    expect(history.map((e) => [e.event, e.message, e.notified])).toEqual([
      ['FIRING', 'it died', true],
      ['RESOLVED', 'Resolved: it died', true],
    ]);
  });

  it('appends each attempt to the delivery log, keeping the order', async () => {
    const delivery = await alerts.createDelivery({
      organizationId,
      applicationId,
      ruleId: '01a24300-0000-7000-8000-000000000000',
      ruleType: 'ExecutorDied',
      event: 'FIRING',
      channel: 'webhook',
      webhookId: null,
      target: 'https://hooks.example',
      message: 'executor died',
    });
    const attempt = (httpStatus: number, ok: boolean) => ({
      at: new Date().toISOString(),
      ok,
      httpStatus,
      error: ok ? null : 'non-2xx answer',
      durationMs: 3,
    });
    await alerts.recordAttempt(delivery.id, attempt(500, false), 'PENDING');
    await alerts.recordAttempt(delivery.id, attempt(200, true), 'DELIVERED');
    const [listed] = await alerts.findDeliveries(organizationId, applicationId, 10);
    const mapped = mapAlertDelivery(listed!);
    expect(mapped.status).toBe('DELIVERED');
    expect(mapped.attempts.map((a) => a.httpStatus)).toEqual([500, 200]);
    // Another organization sees none of it.
    await expect(
      alerts.findDeliveries('01a24300-0000-7000-8000-000000000001', applicationId, 10),
    ).resolves.toEqual([]);
  });

  it('forgets rule moves and finished deliveries older than a cutoff, never one still resumable', async () => {
    const rule = await newRule('WorkflowFailure');
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await alerts.changeState(rule, 'OK', 'FIRING', longAgo, { fired: true, message: 'old' });
    await alerts.changeState(rule, 'FIRING', 'OK', new Date(), { fired: false, message: 'new' });
    const delivery = (status: string, channel = 'webhook', leaseUntil: Date | null = null) =>
      db.prisma.alertDelivery.create({
        data: {
          organizationId,
          applicationId,
          ruleType: 'WorkflowFailure',
          event: 'FIRING',
          channel,
          target: channel === 'webhook' ? 'https://hooks.example' : 'app',
          message: status,
          status,
          createdAt: longAgo,
          leaseUntil,
        },
      });
    const [delivered, failed, leased, toExecutor, beforeLeases] = await Promise.all([
      delivery('DELIVERED'),
      delivery('FAILED'),
      // A webhook delivery under a lease: resumable, whatever its age.
      delivery('PENDING', 'webhook', new Date(Date.now() + 60_000)),
      // Sent once, never resumed: its process stopped mid-send.
      delivery('PENDING', 'executor'),
      delivery('PENDING', 'webhook', null),
    ]);
    const cutoff = new Date(Date.now() - 30 * 86_400_000);
    expect(await alerts.deleteHistoryBefore(cutoff)).toEqual({ events: 1, deliveries: 4 });
    const events = await db.prisma.alertEvent.findMany({ where: { ruleId: rule.id } });
    expect(events.map((e) => e.message)).toEqual(['new']);
    const all = [delivered, failed, leased, toExecutor, beforeLeases].map((d) => d.id);
    const left = await db.prisma.alertDelivery.findMany({ where: { id: { in: all } } });
    expect(left.map((d) => d.id)).toEqual([leased.id]);
    await db.prisma.alertDelivery.delete({ where: { id: leased.id } });
  });

  it('leases a webhook delivery to one process: renewals by others fail, an abandoned one is claimed once', async () => {
    const now = Date.now();
    const mine = { owner: 'replica-a', until: new Date(now + 60_000) };
    const delivery = await alerts.createDelivery({
      organizationId,
      applicationId,
      ruleId: '01a24300-0000-7000-8000-000000000000',
      ruleType: 'ExecutorDied',
      event: 'FIRING',
      channel: 'webhook',
      webhookId: null,
      target: 'https://hooks.example',
      message: 'executor died',
      body: '{"hello":"world"}',
      lease: mine,
    });
    await expect(alerts.renewLease(delivery.id, { ...mine, owner: 'replica-b' })).resolves.toBe(
      false,
    );
    await expect(alerts.renewLease(delivery.id, mine)).resolves.toBe(true);
    // Still leased: nobody may claim it.
    const claim = (owner: string) =>
      alerts.claimAbandoned({ owner, until: new Date(now + 120_000) }, new Date(now), 10);
    await expect(claim('replica-b')).resolves.toEqual([]);

    // Its owner stopped between attempts: once the lease has passed, one of many claims it.
    const failed = { ok: false, httpStatus: 500, error: 'non-2xx answer', durationMs: 3 };
    const at = new Date(now).toISOString();
    await alerts.recordAttempt(delivery.id, { at, ...failed }, 'PENDING', new Date(now - 1));
    const claims = await Promise.all(['b', 'c', 'd'].map((r) => claim(`replica-${r}`)));
    expect(claims.flat()).toEqual([
      { id: delivery.id, webhookId: null, body: '{"hello":"world"}', attemptCount: 1 },
    ]);
    const winner = ['b', 'c', 'd'][claims.findIndex((c) => c.length === 1)];
    await expect(alerts.renewLease(delivery.id, mine)).resolves.toBe(false);
    await expect(
      alerts.renewLease(delivery.id, { owner: `replica-${winner}`, until: new Date(now + 5) }),
    ).resolves.toBe(true);
    // Finished: not PENDING, so no lease to renew and nothing to claim.
    await alerts.recordAttempt(
      delivery.id,
      { ...failed, at, ok: true, httpStatus: 200 },
      'DELIVERED',
    );
    await expect(alerts.renewLease(delivery.id, mine)).resolves.toBe(false);
  });
});
