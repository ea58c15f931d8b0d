import { randomBytes } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppScope } from '../../../common/auth/app-scope';
import type { LastKnownFilter } from './last-known-filters';
import type { LastKnownRow } from './last-known.mapper';
import { LastKnownRepository } from './last-known.repository';
import { DATABASE_BACKENDS, useDatabase } from '../../../../test/support/database-backends';

const row = (id: string, minute: number, fields: Partial<LastKnownRow> = {}): LastKnownRow => ({
  workflowId: id,
  name: 'job',
  status: 'SUCCESS',
  queueName: null,
  executorId: 'exec-1',
  applicationVersion: 'v1',
  createdAt: new Date(Date.UTC(2026, 11, 1, 0, minute)),
  updatedAt: new Date(Date.UTC(2026, 11, 1, 0, minute)),
  errorSummary: null,
  seenAt: new Date(),
  ...fields,
});
const page: LastKnownFilter = { sortDesc: true, limit: 50, offset: 0 };

// The upsert and pruning are hand-written SQL: check them on both databases the control plane
// runs on.
describe.each(DATABASE_BACKENDS)('the last-known repository on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let repository: LastKnownRepository;

  const newApp = async (): Promise<AppScope> => {
    const name = `o-${randomBytes(4).toString('hex')}`;
    const org = await db.prisma.organization.create({ data: { name, displayName: name } });
    const app = await db.prisma.application.create({
      data: { organizationId: org.id, name: 'shop' },
    });
    return { organizationId: org.id, applicationId: app.id };
  };
  const ids = async (scope: AppScope, filter: LastKnownFilter = page) =>
    (await repository.findPage(scope, filter)).rows.map((r) => r.workflowId);

  beforeAll(() => {
    db = database();
    repository = new LastKnownRepository(db);
  });

  it('upserts a batch, keeps the newer report and an error summary the status still explains', async () => {
    const scope = await newApp();
    await repository.upsert([
      { scope, rows: [row('a', 1, { status: 'ERROR', errorSummary: 'boom' }), row('b', 2)] },
    ]);
    // An answer without outputs (no error) and an older report of b.
    await repository.upsert([
      {
        scope,
        rows: [
          row('a', 1, { status: 'ERROR', executorId: 'exec-2' }),
          row('b', 2, { status: 'PENDING', updatedAt: new Date(Date.UTC(2026, 10, 1)) }),
        ],
      },
    ]);
    expect(await repository.findOne(scope, 'a')).toMatchObject({
      executorId: 'exec-2',
      errorSummary: 'boom',
    });
    expect(await repository.findOne(scope, 'b')).toMatchObject({ status: 'SUCCESS' });
    // A new status drops the summary of the old one.
    await repository.upsert([{ scope, rows: [row('a', 1, { status: 'PENDING' })] }]);
    expect(await repository.findOne(scope, 'a')).toMatchObject({ errorSummary: null });
  });

  it('keeps the times to the millisecond, and a missing one as none', async () => {
    const scope = await newApp();
    const times = {
      createdAt: new Date('2026-12-01T08:15:30.993Z'),
      updatedAt: new Date('2026-12-01T08:15:31.001Z'),
      seenAt: new Date('2026-12-06T11:00:00.457Z'),
    };
    await repository.upsert([
      { scope, rows: [row('a', 1, times), row('b', 2, { createdAt: null, updatedAt: null })] },
    ]);
    expect(await repository.findOne(scope, 'a')).toMatchObject(times);
    expect(await repository.findOne(scope, 'b')).toMatchObject({
      createdAt: null,
      updatedAt: null,
    });
  });

  it('tells how many new rows each application gained (updates are not new rows)', async () => {
    const [shop, mail] = [await newApp(), await newApp()];
    const first = await repository.upsert([
      { scope: shop, rows: [row('a', 1), row('b', 2)] },
      { scope: mail, rows: [row('a', 1)] },
    ]);
    expect(Object.fromEntries(first)).toEqual({ [shop.applicationId]: 2, [mail.applicationId]: 1 });
    // a updated, b an older report (skipped), c new.
    const second = await repository.upsert([
      {
        scope: shop,
        rows: [
          row('a', 1, { status: 'ERROR' }),
          row('b', 2, { updatedAt: new Date(Date.UTC(2026, 10, 1)) }),
          row('c', 3),
        ],
      },
    ]);
    expect(Object.fromEntries(second)).toEqual({ [shop.applicationId]: 1 });
    expect(await repository.upsert([])).toEqual(new Map());
  });

  it('filters, sorts, pages and counts within one application only', async () => {
    const scope = await newApp();
    const other = await newApp();
    await repository.upsert([
      {
        scope,
        rows: [
          row('ord-1', 1, { status: 'ERROR' }),
          row('ord-2', 2, { queueName: 'q' }),
          row('pay-1', 3, { name: 'pay' }),
        ],
      },
      { scope: other, rows: [row('ord-9', 9)] },
    ]);
    expect(await ids(scope)).toEqual(['pay-1', 'ord-2', 'ord-1']);
    expect(await ids(scope, { ...page, sortDesc: false, limit: 1, offset: 1 })).toEqual(['ord-2']);
    expect(await ids(scope, { ...page, idPrefixes: ['ord'], status: ['ERROR'] })).toEqual([
      'ord-1',
    ]);
    expect(await ids(scope, { ...page, names: ['pay'] })).toEqual(['pay-1']);
    expect(await ids(scope, { ...page, queueNames: ['q'] })).toEqual(['ord-2']);
    const from = new Date(Date.UTC(2026, 11, 1, 0, 2));
    expect(await ids(scope, { ...page, createdFrom: from, createdTo: from })).toEqual(['ord-2']);
    expect((await repository.findPage(scope, { ...page, limit: 1 })).total).toBe(3);
    expect(await repository.findOne(other, 'ord-1')).toBeNull();
    expect(await repository.lastSeenAt(await newApp())).toBeNull();
    await repository.deleteApplication(other);
    expect(await repository.findOne(other, 'ord-9')).toBeNull();
    expect(await ids(scope)).toHaveLength(3);
  });

  it('rewrites an unchanged row only to move a seen_at older than a minute', async () => {
    const scope = await newApp();
    const seen = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, seconds));
    const rowVersion = async () => {
      const [version] = await db.query<{ xmin: string }>(
        `SELECT xmin::text FROM last_known_workflows
        WHERE application_id = $1::uuid AND workflow_id = 'a'`,
        [scope.applicationId],
      );
      return version?.xmin;
    };
    const report = (seconds: number, fields: Partial<LastKnownRow> = {}) =>
      repository.upsert([
        { scope, rows: [row('a', 1, { errorSummary: 'boom', seenAt: seen(seconds), ...fields })] },
      ]);
    await report(0);
    const first = await rowVersion();

    await report(30);
    await report(40, { errorSummary: null }); // an answer without outputs: the summary stays
    expect(await rowVersion()).toBe(first);
    expect(await repository.findOne(scope, 'a')).toMatchObject({ seenAt: seen(0) });

    await report(45, { executorId: 'exec-2' });
    expect(await repository.findOne(scope, 'a')).toMatchObject({
      executorId: 'exec-2',
      errorSummary: 'boom',
      seenAt: seen(45),
    });
    await report(50, { errorSummary: 'boom again' });
    expect(await repository.findOne(scope, 'a')).toMatchObject({ errorSummary: 'boom again' });

    const beforeRefresh = await rowVersion();
    await report(50 + 61, { executorId: 'exec-2', errorSummary: 'boom again' });
    expect(await rowVersion()).not.toBe(beforeRefresh);
    expect(await repository.findOne(scope, 'a')).toMatchObject({ seenAt: seen(111) });
  });

  it('prunes to the newest rows and drops those unseen too long', async () => {
    const scope = await newApp();
    const old = new Date(Date.now() - 86_400_000);
    await repository.upsert([
      {
        scope,
        rows: [1, 2, 3, 4, 5].map((m) => row(`w${m}`, m, { seenAt: m === 5 ? old : new Date() })),
      },
    ]);
    expect(
      await repository.pruneApplication(scope.applicationId, new Date(Date.now() - 60_000), 2),
    ).toBe(3);
    expect(await ids(scope)).toEqual(['w4', 'w3']);
  });
});
