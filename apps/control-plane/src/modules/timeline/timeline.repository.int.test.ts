import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { ExecutorsRepository } from '../executors/executors.repository';
import { TimelineRepository, type TimelineScope } from './timeline.repository';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute));
const ALL = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z'), take: 100 };

// The timeline's reads (raw SQL for executors and audit entries) on both databases the control
// plane runs on: windows, limits, scoping to one application and to the organization.
describe.each(DATABASE_BACKENDS)('the timeline read model on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let timeline: TimelineRepository;
  let org: TimelineScope;
  let shop: TimelineScope;
  let shopId: string;

  beforeAll(async () => {
    db = database();
    timeline = new TimelineRepository(db);
    const acme = await db.prisma.organization.create({ data: { name: 'acme', displayName: 'A' } });
    const other = await db.prisma.organization.create({ data: { name: 'evil', displayName: 'E' } });
    const [a, b, c] = await Promise.all(
      [
        [acme.id, 'shop'],
        [acme.id, 'billing'],
        [other.id, 'shop'],
      ].map(([organizationId, name]) =>
        db.prisma.application.create({ data: { organizationId: organizationId!, name: name! } }),
      ),
    );
    shopId = a!.id;
    // The executors' history, written as links make it: e1 (v1) connected 1, lost 2, dead 3,
    // recovered 4, back 12 (the row is reused; the history keeps every moment); e2 (v2)
    // connected 5; billing's e3 at 6; another organization's x1 at 7.
    const replica = await db.prisma.replica.create({
      data: { id: randomUUID(), startedAt: at(0), leaseUntil: at(59) },
    });
    const executors = new ExecutorsRepository(db);
    const connect = async (
      app: { id: string; organizationId: string },
      id: string,
      v: string,
      minute: number,
    ) => {
      const key = await db.prisma.apiKey.create({
        data: {
          organizationId: app.organizationId,
          name: `key of ${id} at ${minute}`,
          prefix: randomUUID(),
          secretHash: randomUUID(),
          permissions: [],
        },
      });
      const context = {
        organizationId: app.organizationId,
        applicationId: app.id,
        appName: 'x',
        apiKeyId: key.id,
      };
      const identity = {
        executorId: id,
        applicationVersion: v,
        hostname: 'h',
        language: 'typescript',
        sdkVersion: '5.2.11',
        metadata: null,
      };
      await executors.recordConnected(context, identity, at(minute), replica.id);
      return context;
    };
    const e1 = await connect(a!, 'e1', 'v1', 1);
    await executors.recordDisconnected(e1, 'e1', at(1), at(2));
    const row = await db.prisma.executor.findFirstOrThrow({ where: { executorId: 'e1' } });
    await executors.markDead(row.id, at(2), at(3));
    await executors.markRecovered(row.id, at(4));
    await connect(a!, 'e2', 'v2', 5);
    await connect(b!, 'e3', 'v1', 6);
    await connect(c!, 'x1', 'v1', 7);
    await connect(a!, 'e1', 'v1', 12);
    await db.prisma.auditEvent.createMany({
      data: [
        { action: 'application.create', targetType: 'application', targetId: 'shop', at: 0 },
        { action: 'workflow.cancel', targetType: 'workflow', targetId: 'w1', at: 8, appId: shopId },
        { action: 'alerting_rule.create', targetType: 'alerting_rule', at: 9, appName: 'shop' },
        { action: 'alerting_rule.create', targetType: 'alerting_rule', at: 10, appName: 'billing' },
        { action: 'api_key.create', targetType: 'api_key', targetId: 'k', at: 11 },
      ].map((e) => ({
        organizationId: acme.id,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId ?? null,
        outcome: 'SUCCESS' as const,
        details: e.appId
          ? { applicationId: e.appId }
          : e.appName
            ? { applicationName: e.appName }
            : {},
        createdAt: at(e.at),
      })),
    });
    org = { organizationId: acme.id, applicationIds: [a!.id, b!.id] };
    shop = {
      organizationId: acme.id,
      applicationIds: [a!.id],
      application: { id: a!.id, name: 'shop' },
    };
  });

  it('reads each moment of each executor link, newest first, within the window and the limit', async () => {
    const all = await timeline.findExecutorMoments(shop, ALL, [
      'executor.connected',
      'executor.disconnected',
      'executor.dead',
      'executor.recovered',
    ]);
    expect(all.map((m) => [m.kind, m.executorId, m.at])).toEqual([
      ['executor.connected', 'e1', at(12)],
      ['executor.connected', 'e2', at(5)],
      ['executor.recovered', 'e1', at(4)],
      ['executor.dead', 'e1', at(3)],
      ['executor.disconnected', 'e1', at(2)],
      ['executor.connected', 'e1', at(1)],
    ]);
    const window = { start: at(2), end: at(4), take: 100 };
    const inWindow = await timeline.findExecutorMoments(shop, window, [
      'executor.dead',
      'executor.disconnected',
    ]);
    expect(inWindow.map((m) => m.kind)).toEqual(['executor.dead', 'executor.disconnected']);
    const newest = await timeline.findExecutorMoments(org, { ...ALL, take: 2 }, [
      'executor.connected',
    ]);
    expect(newest.map((m) => m.executorId)).toEqual(['e1', 'e3']);
  });

  it('dates each version by its first executor, per application, never another organization’s', async () => {
    const versions = await timeline.findVersionsFirstSeen(org, ALL);
    expect(versions.map((v) => [v.applicationId === shopId, v.applicationVersion, v.at])).toEqual([
      [false, 'v1', at(6)],
      [true, 'v2', at(5)],
      [true, 'v1', at(1)],
    ]);
  });

  it('reads audit entries naming the application by id, by name or as target; the organization reads all', async () => {
    const ofShop = await timeline.findAuditEntries(shop, ALL);
    expect(ofShop.map((e) => e.action)).toEqual([
      'alerting_rule.create',
      'workflow.cancel',
      'application.create',
    ]);
    const ofOrg = await timeline.findAuditEntries(org, { start: at(9), end: at(11), take: 100 });
    expect(ofOrg.map((e) => [e.action, e.details.applicationName])).toEqual([
      ['alerting_rule.create', 'billing'],
      ['alerting_rule.create', 'shop'],
    ]);
  });
});
