import {
  ApplicationSchema,
  ListAuditLogsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

/**
 * DBOS's app operations `PUT` (register) and `PATCH` (settings) over HTTP: shapes, validation,
 * audit entries with old and new values, roles, tenant isolation. The retention the settings
 * drive is exercised against a real DBOS executor in dbos-retention.e2e.test.ts.
 */
describe('application settings and registration over HTTP (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let admin: TestBrowser;
  let viewer: TestBrowser;
  let outsider: TestBrowser;
  let org: string;
  let theirs: string;

  const appPath = (name: string, inOrg = org) => `/v2/orgs/${inOrg}/apps/${name}`;
  const put = (browser: TestBrowser, path: string, json?: unknown) =>
    browser.request('PUT', path, { json });
  const read = async (name: string) => bodyOf(await admin.get(appPath(name)), ApplicationSchema);
  const auditOf = async (action: string, target: string) =>
    bodyOf(
      await admin.get(`/v2/orgs/${org}/audit-logs?operation=${action}&target=${target}`),
      ListAuditLogsResponseSchema,
    );

  beforeAll(async () => {
    const f = factories(stack.server.app);
    admin = new TestBrowser(stack.server.url);
    viewer = new TestBrowser(stack.server.url);
    outsider = new TestBrowser(stack.server.url);
    await signUpAndIn(admin);
    const { userId } = await signUpAndIn(viewer);
    await signUpAndIn(outsider);
    org = `settings-${Date.now().toString(36)}`;
    const { id } = bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    await f.newMember(id, userId, 'VIEWER');
    theirs = `other-${Date.now().toString(36)}`;
    bodyOf(await outsider.post('/v2/orgs', { name: theirs }), OrganizationSchema, 201);
  });

  it('registers with PUT once: a repeat changes nothing and is not audited again', async () => {
    const first = await put(admin, appPath('ledger'), { privateMode: true });
    expect(first.status).toBe(204);
    const registered = await read('ledger');
    expect(registered).toMatchObject({
      name: 'ledger',
      privateMode: true,
      executorTimeoutSecs: 60,
      gcTimeThresholdMs: null,
      gcRowsThreshold: null,
      globalTimeoutMs: null,
      lastRetentionPush: null,
    });
    expect((await put(admin, appPath('ledger'), { privateMode: false })).status).toBe(204);
    expect((await put(admin, appPath('ledger'))).status).toBe(204);
    expect(await read('ledger')).toEqual(registered);
    const created = await auditOf('application.create', 'ledger');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ status: 'success', details: { privateMode: true } });
  });

  it('registers once when PUTs race: every one answers 204, one creation is audited', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => put(admin, appPath('raced'), { privateMode: true })),
    );
    expect(answers.map((res) => res.status)).toEqual([204, 204, 204, 204, 204]);
    expect(await read('raced')).toMatchObject({ name: 'raced', privateMode: true });
    const created = await auditOf('application.create', 'raced');
    expect(created.filter((entry) => entry.status === 'success')).toHaveLength(1);
  });

  it('refuses PUT bodies with unknown fields and names executors cannot use', async () => {
    const unknown = assertProblem(
      await put(admin, appPath('ledger2'), { privateMode: true, name: 'x' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors).toMatchObject([{ location: 'body.name' }]);
    assertProblem(await put(admin, appPath('Not_Valid!')), 422, 'VALIDATION_FAILED');
    assertProblem(await admin.get(appPath('ledger2')), 404, 'NOT_FOUND');
    // DBOS's newest limit is 256 characters (its published spec still says 30).
    const longest = `l${'-'.repeat(254)}l`;
    expect((await put(admin, appPath(longest))).status).toBe(204);
    expect((await read(longest)).name).toBe(longest);
    assertProblem(await put(admin, appPath(`${longest}l`)), 422, 'VALIDATION_FAILED');
  });

  it('changes DBOS settings with PATCH (204) and audits each from its old to its new value', async () => {
    await put(admin, appPath('billing'));
    const res = await admin.patch(appPath('billing'), {
      executorTimeoutSecs: 120,
      gcTimeThresholdMs: 7 * 86_400_000,
      gcRowsThreshold: 1_000_000,
      globalTimeoutMs: 3_600_000,
      privateMode: true,
    });
    expect(res.status).toBe(204);
    expect(await read('billing')).toMatchObject({
      executorTimeoutSecs: 120,
      gcTimeThresholdMs: 7 * 86_400_000,
      gcRowsThreshold: 1_000_000,
      globalTimeoutMs: 3_600_000,
      privateMode: true,
    });

    // A negative threshold clears it; settings not named stay.
    expect((await admin.patch(appPath('billing'), { gcRowsThreshold: -1 })).status).toBe(204);
    expect(await read('billing')).toMatchObject({
      gcRowsThreshold: null,
      gcTimeThresholdMs: 7 * 86_400_000,
    });

    const updates = await auditOf('application.update', 'billing');
    expect(updates.map((entry) => entry.details)).toEqual([
      { changes: { gcRowsThreshold: { from: 1_000_000, to: null } } },
      {
        changes: {
          executorTimeoutSecs: { from: 60, to: 120 },
          gcTimeThresholdMs: { from: null, to: 7 * 86_400_000 },
          gcRowsThreshold: { from: null, to: 1_000_000 },
          globalTimeoutMs: { from: null, to: 3_600_000 },
          privateMode: { from: false, to: true },
        },
      },
    ]);
  });

  it('records a retention push with no executor connected as no_executor', async () => {
    await put(admin, appPath('lonely'));
    await admin.patch(appPath('lonely'), { globalTimeoutMs: 60_000 });
    // The push runs after the response: its outcome shows once recorded.
    const push = await waitUntil(
      async () => (await read('lonely')).lastRetentionPush,
      10_000,
      'the retention push outcome',
    );
    expect(push).toMatchObject({ outcome: 'no_executor', executorId: null });
  });

  it('refuses unknown fields, zero and fractions in PATCH bodies like the rest of the API', async () => {
    await put(admin, appPath('strict'));
    const unknown = assertProblem(
      await admin.patch(appPath('strict'), { gcTimeThresholdMs: 1000, retention: 'forever' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors).toMatchObject([{ location: 'body.retention' }]);
    const bad = assertProblem(
      await admin.patch(appPath('strict'), {
        gcRowsThreshold: 0,
        globalTimeoutMs: 1.5,
        executorTimeoutSecs: 1,
        privateMode: 'yes',
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual([
      'executorTimeoutSecs',
      'gcRowsThreshold',
      'globalTimeoutMs',
      'privateMode',
    ]);
    assertProblem(await admin.patch(appPath('strict'), {}), 422, 'VALIDATION_FAILED');
    expect(await read('strict')).toMatchObject({ gcTimeThresholdMs: null, privateMode: false });
  });

  it('lets viewers read settings but not change them, and audits the refusal', async () => {
    await put(admin, appPath('guarded'));
    assertProblem(await viewer.patch(appPath('guarded'), { privateMode: true }), 403, 'FORBIDDEN');
    assertProblem(await put(viewer, appPath('guarded-new')), 403, 'FORBIDDEN');
    expect(bodyOf(await viewer.get(appPath('guarded')), ApplicationSchema).privateMode).toBe(false);
    const refused = await auditOf('application.update', 'guarded');
    expect(refused).toMatchObject([{ status: 'failure' }]);
  });

  it('hides applications across organizations (404), for PUT too', async () => {
    await put(admin, appPath('secret-app'));
    assertProblem(
      await outsider.patch(appPath('secret-app'), { privateMode: true }),
      404,
      'NOT_FOUND',
    );
    assertProblem(await put(outsider, appPath('planted')), 404, 'NOT_FOUND');
    assertProblem(await outsider.get(appPath('secret-app')), 404, 'NOT_FOUND');
    // The outsider's own organization does not see ours either.
    assertProblem(
      await outsider.patch(appPath('secret-app', theirs), { privateMode: true }),
      404,
      'NOT_FOUND',
    );
    assertProblem(await admin.get(appPath('planted')), 404, 'NOT_FOUND');
  });
});
