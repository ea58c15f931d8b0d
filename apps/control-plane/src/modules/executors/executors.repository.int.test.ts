import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import type { ExecutorStatusFilter } from '@podium/protocol';
import { restStatus } from './executor-snapshot';
import { ExecutorListingsRepository } from './executor-listings.repository';
import { type ExecutorRecord, ExecutorsRepository } from './executors.repository';

type Status = ExecutorRecord['status'];

// [executorId, status in its row, minutes after the first connection, stopped on purpose]
const ROWS: ReadonlyArray<[string, Status, number, boolean?]> = [
  ['old-gone', 'DISCONNECTED', 0],
  ['dead', 'DEAD', 1],
  ['linked-stale', 'DISCONNECTED', 2], // its link is held here: a racing write left the row behind
  ['up-1', 'CONNECTED', 3],
  ['gone', 'DISCONNECTED', 4],
  ['up-2', 'CONNECTED', 5],
  ['new-gone', 'DISCONNECTED', 6],
  ['stopping', 'DISCONNECTED', 7, true],
  ['stopped', 'DEAD', 8, true],
  ['linked-stopped', 'DISCONNECTED', 9, true], // back (linked here): no longer stopped
];
const LINKED = new Set(['linked-stale', 'up-2', 'linked-stopped']);

/** What the listing promises, computed the slow way: effective status, healthy first, newest first. */
function expected(statuses: readonly ExecutorStatusFilter[] | undefined): string[] {
  const effective = ROWS.map(([id, status, minute, stopped = false]) => ({
    id,
    minute,
    status: restStatus(LINKED.has(id) ? 'CONNECTED' : status),
    stopped: stopped && !LINKED.has(id),
  }));
  const newestFirst = effective
    .filter(
      (e) =>
        !statuses || statuses.includes(e.status) || (e.stopped && statuses.includes('STOPPED')),
    )
    .sort((a, b) => b.minute - a.minute);
  return [
    ...newestFirst.filter((e) => e.status === 'HEALTHY'),
    ...newestFirst.filter((e) => e.status !== 'HEALTHY'),
  ].map((e) => e.id);
}

/** An executors row as a TypeScript executor of `applicationVersion` records it at `at`. */
function executorRow(
  where: { organizationId: string; applicationId: string },
  executorId: string,
  status: Status,
  applicationVersion: string,
  at: Date,
  recoveredAt: Date | null = null,
) {
  return {
    ...where,
    executorId,
    applicationVersion,
    language: 'typescript',
    sdkVersion: '5.2.11',
    status,
    connectedAt: at,
    lastSeenAt: at,
    recoveredAt,
  };
}

describe('ExecutorListingsRepository paging on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let listings: ExecutorListingsRepository;
  let scope: { organizationId: string; applicationId: string };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ kind: 'postgres', url: scratch.url });
    listings = new ExecutorListingsRepository(db);
    const name = `org-${randomBytes(4).toString('hex')}`;
    const org = await db.prisma.organization.create({ data: { name, displayName: name } });
    const app = await db.prisma.application.create({
      data: { organizationId: org.id, name: 'paged' },
    });
    // Another application's executors never show up.
    const other = await db.prisma.application.create({
      data: { organizationId: org.id, name: 'other' },
    });
    scope = { organizationId: org.id, applicationId: app.id };
    const start = Date.parse('2026-01-01T00:00:00Z');
    const row = (applicationId: string, executorId: string, status: Status, minute: number) =>
      executorRow(
        { organizationId: org.id, applicationId },
        executorId,
        status,
        `v${minute % 3}`,
        new Date(start + minute * 60_000),
      );
    await db.prisma.executor.createMany({
      data: [
        ...ROWS.map(([id, status, minute, stopped = false]) => ({
          ...row(app.id, id, status, minute),
          stopped,
        })),
        row(other.id, 'up-1', 'CONNECTED', 9),
      ],
    });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  const filters: Array<readonly ExecutorStatusFilter[] | undefined> = [
    undefined,
    ['HEALTHY'],
    ['DISCONNECTED'],
    ['DISCONNECTED', 'DEAD'],
    ['HEALTHY', 'DEAD'],
    ['STOPPED'],
    ['HEALTHY', 'STOPPED'],
    ['DEAD', 'STOPPED'],
  ];

  it.each(filters)(
    'pages connected first, newest first, counting in SQL (status %s)',
    async (statuses) => {
      const all = expected(statuses);
      for (const limit of [1, 3]) {
        for (let offset = 0; offset <= all.length + 1; offset++) {
          const page = await listings.findPage(scope.organizationId, scope.applicationId, {
            linked: LINKED,
            statuses,
            limit,
            offset,
          });
          expect(page.total, `total at ${offset}+${limit}`).toBe(all.length);
          expect(
            page.items.map((r) => r.executorId),
            `page at ${offset}+${limit}`,
          ).toEqual(all.slice(offset, offset + limit));
        }
      }
    },
  );

  it('lists the connected ones and the distinct versions without reading every row', async () => {
    const connected = await listings.findConnected(
      scope.organizationId,
      scope.applicationId,
      LINKED,
    );
    expect(connected.map((r) => r.executorId)).toEqual(expected(['HEALTHY']));
    // Versions by their latest connection: v0 (minute 9), v2 (8), v1 (7).
    await expect(listings.findVersions(scope.organizationId, scope.applicationId)).resolves.toEqual(
      ['v0', 'v2', 'v1'],
    );
  });

  it('counts the unrecovered executors of the applications asked for, in one organization only', async () => {
    const newApp = (organizationId: string, name: string) =>
      db.prisma.application.create({ data: { organizationId, name } });
    const counted = await newApp(scope.organizationId, 'counted');
    const idle = await newApp(scope.organizationId, 'idle');
    const name = `org-${randomBytes(4).toString('hex')}`;
    const foreignOrg = await db.prisma.organization.create({ data: { name, displayName: name } });
    const foreign = await newApp(foreignOrg.id, 'counted');
    const at = new Date();
    const ours = { organizationId: scope.organizationId, applicationId: counted.id };
    const theirs = { organizationId: foreignOrg.id, applicationId: foreign.id };
    await db.prisma.executor.createMany({
      data: [
        executorRow(ours, 'a', 'CONNECTED', 'v1', at),
        executorRow(ours, 'b', 'CONNECTED', 'v1', at),
        executorRow(ours, 'c', 'DISCONNECTED', 'v1', at),
        executorRow(ours, 'd', 'DEAD', 'v2', at),
        executorRow(ours, 'e', 'DEAD', 'v2', at, at), // recovered: history
        executorRow(theirs, 'f', 'CONNECTED', 'v1', at),
      ],
    });

    const counts = await listings.countUnrecovered(scope.organizationId, [
      counted.id,
      idle.id,
      foreign.id, // another organization's: never counted here
    ]);
    const key = (c: { status: string; applicationVersion: string }) =>
      `${c.status}/${c.applicationVersion}`;
    expect(counts.every((c) => c.applicationId === counted.id)).toBe(true);
    expect(Object.fromEntries(counts.map((c) => [key(c), c.count]))).toEqual({
      'CONNECTED/v1': 2,
      'DISCONNECTED/v1': 1,
      'DEAD/v2': 1,
    });
    await expect(listings.countUnrecovered(scope.organizationId, [])).resolves.toEqual([]);
  });
});

describe.each(DATABASE_BACKENDS)('ExecutorsRepository liveness on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let repository: ExecutorsRepository;
  let listings: ExecutorListingsRepository;
  let organizationId: string;

  beforeAll(async () => {
    db = database();
    repository = new ExecutorsRepository(db);
    listings = new ExecutorListingsRepository(db);
    organizationId = (
      await db.prisma.organization.create({ data: { name: 'acme', displayName: 'A' } })
    ).id;
  });

  it("tells per application whether one is connected and its newest executor's language", async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));
    const newApp = (name: string) =>
      db.prisma.application.create({ data: { organizationId, name } });
    const [mixed, idle, never] = [
      await newApp('fleet-mixed'),
      await newApp('fleet-idle'),
      await newApp('fleet-never'),
    ];
    const where = (application: { id: string }) => ({
      organizationId,
      applicationId: application.id,
    });
    await db.prisma.executor.createMany({
      data: [
        { ...executorRow(where(mixed), 'old', 'CONNECTED', 'v1', at(1)), language: 'python' },
        { ...executorRow(where(mixed), 'new', 'DEAD', 'v1', at(5)), language: 'go' },
        executorRow(where(idle), 'gone', 'DISCONNECTED', 'v1', at(2)),
      ],
    });
    const fleets = await listings.findFleets(organizationId, [mixed.id, idle.id, never.id]);
    expect(Object.fromEntries(fleets)).toEqual({
      [mixed.id]: { connected: true, language: 'go' },
      [idle.id]: { connected: false, language: 'typescript' },
    });
    // Another organization's ids find nothing.
    const other = await db.prisma.organization.create({
      data: { name: 'other-fleet', displayName: 'O' },
    });
    await expect(listings.findFleets(other.id, [mixed.id])).resolves.toEqual(new Map());
    await expect(listings.findFleets(organizationId, [])).resolves.toEqual(new Map());
  });

  it("dates an executor left CONNECTED on a replica whose lease passed from the lease's end, as its adoption records it", async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const replica = (leaseUntil: Date) =>
      db.prisma.replica.create({
        data: { id: randomUUID(), startedAt: minutes(-60), leaseUntil },
      });
    const newApp = (name: string) =>
      db.prisma.application.create({ data: { organizationId: organizationId, name } });
    const [app, bystander] = [await newApp('lapsed'), await newApp('bystander')];
    const [lapsed, alive, lapsedLater] = [
      await replica(minutes(-2)),
      await replica(minutes(1)),
      await replica(minutes(-1)),
    ];
    const where = (application: { id: string }) => ({
      organizationId: organizationId,
      applicationId: application.id,
    });
    await db.prisma.executor.createMany({
      data: [
        {
          ...executorRow(where(app), 'gone', 'DISCONNECTED', 'v1', minutes(-30)),
          disconnectedAt: minutes(-10),
        },
        {
          ...executorRow(where(app), 'stranded', 'CONNECTED', 'v1', minutes(-20)),
          replicaId: lapsed.id,
        },
        { ...executorRow(where(app), 'up', 'CONNECTED', 'v1', minutes(-20)), replicaId: alive.id },
        executorRow(where(app), 'dead', 'DEAD', 'v1', minutes(-50)),
        // Stopped on purpose: dead and unrecovered, but not lost.
        { ...executorRow(where(app), 'stopped', 'DEAD', 'v0', minutes(-60)), stopped: true },
        executorRow(where(app), 'recovered', 'DEAD', 'v1', minutes(-50), minutes(-40)),
        // Another application's executor on a replica that lapsed later: not this one's silence.
        {
          ...executorRow(where(bystander), 'other', 'CONNECTED', 'v1', minutes(-20)),
          replicaId: lapsedLater.id,
        },
      ],
    });

    // Before the lease passed its executor was linked: the last disconnection is the recorded one.
    await expect(listings.findLiveness(app.id, minutes(-3))).resolves.toEqual({
      lastDisconnectedAt: minutes(-10),
      unrecoveredDead: 2,
      unrecoveredLost: 1,
    });
    const lapsedSince = { lastDisconnectedAt: minutes(-2), unrecoveredDead: 2, unrecoveredLost: 1 };
    await expect(listings.findLiveness(app.id, now)).resolves.toEqual(lapsedSince);
    // Adopted (as ReplicaFailoverService does, as of the lease's end): the same instant.
    await repository.disconnectLinksOf(lapsed.id, minutes(-2));
    await expect(listings.findLiveness(app.id, now)).resolves.toEqual(lapsedSince);
  });

  it("counts an application's links recorded by the other live replicas, not by itself nor by one whose lease passed", async () => {
    // Leases are read on the database's clock: ten minutes either way of this one's.
    const replica = (leaseMinutes: number) =>
      db.prisma.replica.create({
        data: {
          id: randomUUID(),
          startedAt: new Date(Date.now() - 3_600_000),
          leaseUntil: new Date(Date.now() + leaseMinutes * 60_000),
        },
      });
    const [asking, live, lapsed] = [await replica(10), await replica(10), await replica(-10)];
    const newApp = (name: string) =>
      db.prisma.application.create({ data: { organizationId, name } });
    const [app, other] = [await newApp('counted'), await newApp('counted-other')];
    const at = new Date();
    const row = (
      application: { id: string },
      executorId: string,
      status: Status,
      replicaId: string | null,
    ) => ({
      ...executorRow(
        { organizationId, applicationId: application.id },
        executorId,
        status,
        'v1',
        at,
      ),
      replicaId,
    });
    await db.prisma.executor.createMany({
      data: [
        row(app, 'here', 'CONNECTED', asking.id),
        row(app, 'there-1', 'CONNECTED', live.id),
        row(app, 'there-2', 'CONNECTED', live.id),
        row(app, 'there-gone', 'DISCONNECTED', live.id),
        row(app, 'stranded', 'CONNECTED', lapsed.id),
        row(app, 'unplaced', 'CONNECTED', null),
        row(other, 'elsewhere', 'CONNECTED', live.id),
      ],
    });
    await expect(
      repository.countConnectedElsewhere(organizationId, app.id, asking.id),
    ).resolves.toBe(2);
    await expect(repository.countConnectedElsewhere(organizationId, app.id, live.id)).resolves.toBe(
      1,
    );
  });
});
