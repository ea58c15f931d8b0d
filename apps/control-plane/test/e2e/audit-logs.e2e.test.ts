import {
  CreateApiKeyResponseSchema,
  CreateJoinSecretResponseSchema,
  ListAuditLogsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { isIP } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import { TestBrowser, bodyOf, pageOf, assertProblem, signUpAndIn } from './test-browser';

describe('audit log (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let owner: TestBrowser;
  let viewer: TestBrowser;
  let ownerId: string;
  let ownerEmail: string;
  let viewerId: string;
  let deployerKeyId: string;
  let org: string;
  const secrets: string[] = [];

  const auditLogs = async (query = '') =>
    pageOf(await owner.get(`/v2/orgs/${org}/audit-logs${query}`), ListAuditLogsResponseSchema);

  beforeAll(async () => {
    owner = new TestBrowser(stack.server.url);
    viewer = new TestBrowser(stack.server.url);
    ({ userId: ownerId, email: ownerEmail } = await signUpAndIn(owner));
    ({ userId: viewerId } = await signUpAndIn(viewer));
    org = `audited-${Date.now().toString(36)}`;
    const { id } = bodyOf(await owner.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    await factories(stack.server.app).newMember(id, viewerId, 'VIEWER');

    // A day in the life of an organization: successes and failures.
    await owner.post(`/v2/orgs/${org}/apps`, { name: 'payments' });
    await owner.post(`/v2/orgs/${org}/apps`, { name: 'payments' }); // CONFLICT
    await owner.patch(`/v2/orgs/${org}/apps/payments`, { description: 'Cards' });
    const key = CreateApiKeyResponseSchema.parse(
      (
        await owner.post(`/v2/orgs/${org}/tokens`, {
          name: 'ci',
          permissions: ['application.read'],
        })
      ).body,
    );
    secrets.push(key.token);
    await owner.patch(`/v2/orgs/${org}/tokens/${key.id}`, { newName: 'ci-renamed' });
    await owner.delete(`/v2/orgs/${org}/tokens/${key.id}`);
    await viewer.post(`/v2/orgs/${org}/tokens`, {
      name: 'nope',
      permissions: ['application.read'],
    });
    const invite = CreateJoinSecretResponseSchema.parse(
      (await owner.post(`/v2/orgs/${org}/join-secrets`, { role: 'VIEWER' })).body,
    );
    secrets.push(invite.secret);
    await owner.delete(`/v2/orgs/${org}/join-secrets/${invite.id}`);
    await owner.patch(`/v2/orgs/${org}/members/${viewerId}`, { role: 'OPERATOR' });
    await owner.patch(`/v2/orgs/${org}/members/${ownerId}`, { role: 'ADMIN' }); // last owner
    await owner.delete(`/v2/orgs/${org}/apps/payments`);
    // A key acts (refused: it may only read), then is renamed: its entry keeps the old name.
    const deployer = CreateApiKeyResponseSchema.parse(
      (
        await owner.post(`/v2/orgs/${org}/tokens`, {
          name: 'deployer',
          permissions: ['application.read'],
        })
      ).body,
    );
    secrets.push(deployer.token);
    deployerKeyId = deployer.id;
    const api = apiClient(stack.server.url);
    await api('put', `/v2/orgs/${org}/apps/sneaky`, { key: deployer.token, body: {} });
    await owner.patch(`/v2/orgs/${org}/tokens/${deployer.id}`, { newName: 'deployer-2' });
  });

  it('records every operator action, successes and failures, newest first', async () => {
    const log = await auditLogs();
    const trail = log.items.map((e) => `${e.operation}:${e.status}`).reverse();
    expect(trail).toEqual([
      'organization.create:success',
      'application.create:success',
      'application.create:failure',
      'application.update:success',
      'token.create:success',
      'token.rename:success',
      'token.revoke:success',
      'token.create:failure',
      'join_secret.create:success',
      'join_secret.revoke:success',
      'role.grant:success',
      'role.grant:failure',
      'application.delete:success',
      'token.create:success',
      'application.create:failure',
      'token.rename:success',
    ]);
    expect(log.total).toBe(16);
  });

  it('says who acted (as they were named then), from where, on what, and why a failure failed', async () => {
    const { items } = await auditLogs('?status=failure');
    const forbidden = items.find((e) => e.operation === 'token.create');
    expect(forbidden).toMatchObject({
      subject: { type: 'user', id: viewerId },
      target: { type: 'token', id: null },
      details: { errorCode: 'FORBIDDEN' },
    });
    expect(forbidden?.subject?.display).toMatch(/^user-.*@example\.com$/);
    expect(isIP(forbidden?.sourceIp ?? '')).not.toBe(0); // the test's own address
    const lastOwner = items.find((e) => e.operation === 'role.grant');
    expect(lastOwner).toMatchObject({
      subject: { id: ownerId, display: ownerEmail },
      target: { type: 'member', id: ownerId },
      details: { errorCode: 'CONFLICT', role_name: 'ADMIN' },
    });
    const [byKey, conflict] = items.filter((e) => e.operation === 'application.create');
    expect(byKey).toMatchObject({
      subject: { type: 'api_key', id: deployerKeyId, display: 'deployer' },
      target: { type: 'application' },
      details: { errorCode: 'FORBIDDEN' },
    });
    expect(conflict).toMatchObject({ target: { type: 'application', id: 'payments' } });
  });

  it('never records a secret', async () => {
    const everything = JSON.stringify(await auditLogs('?limit=500'));
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it("filters by DBOS's operation, subject, target and time (and status), and pages", async () => {
    const operations = async (query: string) =>
      (await auditLogs(query)).items.map((e) => e.operation);
    const byOperation = await auditLogs('?operation=token.revoke');
    expect(byOperation.items).toHaveLength(1);
    const revoked = byOperation.items[0]!;
    expect(await operations(`?target=${revoked.target.id}`)).toEqual([
      'token.revoke',
      'token.rename',
      'token.create',
    ]);
    expect(await operations(`?subject=${viewerId}`)).toEqual(['token.create']);
    expect(await operations(`?subject=deployer`)).toEqual(['application.create']);
    expect((await auditLogs(`?subject=${encodeURIComponent(ownerEmail)}`)).total).toBe(14);
    // By id, newest first, page after page: the same entries as by the owner's email.
    const ids = async (query: string) => (await auditLogs(query)).items.map((e) => e.id);
    const everyOwnerEntry = await ids(`?subject=${encodeURIComponent(ownerEmail)}&limit=100`);
    expect((await auditLogs(`?subject=${ownerId}&limit=5&offset=5`)).total).toBe(14);
    expect([
      ...(await ids(`?subject=${ownerId}&limit=5`)),
      ...(await ids(`?subject=${ownerId}&limit=5&offset=5`)),
      ...(await ids(`?subject=${ownerId}&limit=5&offset=10`)),
    ]).toEqual(everyOwnerEntry);
    expect((await auditLogs('?status=failure')).total).toBe(4);
    expect((await auditLogs('?startTime=2999-01-01T00:00:00Z')).items).toEqual([]);
    expect((await auditLogs(`?endTime=${encodeURIComponent(revoked.emitTime)}`)).total).toBe(6);

    const first = await auditLogs('?limit=5');
    expect(first).toMatchObject({ limit: 5, offset: 0, nextOffset: 5, total: 16 });
    const last = await auditLogs('?limit=5&offset=15');
    expect(last.items).toHaveLength(1);
    expect(last.nextOffset).toBeUndefined();
  });

  it('serves the list as a bare array (as DBOS does), its page in headers', async () => {
    const path = `/v2/orgs/${org}/audit-logs`;
    const middle = await owner.get(`${path}?status=success&limit=4&offset=4`);
    expect(Array.isArray(middle.body)).toBe(true);
    expect(middle.body).toHaveLength(4);
    expect(
      Object.fromEntries(
        ['x-total-count', 'x-page-limit', 'x-page-offset', 'x-next-offset', 'link'].map((h) => [
          h,
          middle.headers.get(h),
        ]),
      ),
    ).toEqual({
      'x-total-count': '12',
      'x-page-limit': '4',
      'x-page-offset': '4',
      'x-next-offset': '8',
      link: `<${path}?status=success&limit=4&offset=8>; rel="next"`,
    });
    const next = await owner.get(`${path}?status=success&limit=4&offset=8`);
    expect(next.body).toHaveLength(4);
    expect(next.headers.get('x-total-count')).toBe('12');
    expect(next.headers.get('x-next-offset')).toBeNull();
    expect(next.headers.get('link')).toBeNull();
  });

  it('validates filters, listing each problem (a page is at most 1,000 entries, as in DBOS)', async () => {
    const res = await owner.get(
      `/v2/orgs/${org}/audit-logs?limit=1001&status=MAYBE&startTime=yesterday&actor=x`,
    );
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      '(root)',
      'limit',
      'startTime',
      'status',
    ]);
  });

  it('is for organization.read (DBOS): a viewer reads it, a role without it is FORBIDDEN', async () => {
    expect((await viewer.get(`/v2/orgs/${org}/audit-logs`)).status).toBe(200);
    const role = { name: 'scrapers', permissions: ['metric.read'] };
    expect((await owner.post(`/v2/orgs/${org}/roles`, role)).status).toBe(201);
    expect((await owner.put(`/v2/orgs/${org}/members/${viewerId}/roles/scrapers`)).status).toBe(
      204,
    );
    assertProblem(await viewer.get(`/v2/orgs/${org}/audit-logs`), 403, 'FORBIDDEN');
  });
});
