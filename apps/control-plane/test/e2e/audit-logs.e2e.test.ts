import {
  CreateApiKeyResponseSchema,
  CreateJoinSecretResponseSchema,
  ListAuditLogsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, pageOf, assertProblem, signUpAndIn } from './test-browser';

describe('audit log (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  let owner: TestBrowser;
  let viewer: TestBrowser;
  let ownerId: string;
  let viewerId: string;
  let org: string;
  const secrets: string[] = [];

  const auditLogs = async (query = '') =>
    pageOf(await owner.get(`/v2/orgs/${org}/audit-logs${query}`), ListAuditLogsResponseSchema);

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    owner = new TestBrowser(server.url);
    viewer = new TestBrowser(server.url);
    ({ userId: ownerId } = await signUpAndIn(owner));
    ({ userId: viewerId } = await signUpAndIn(viewer));
    org = `audited-${Date.now().toString(36)}`;
    const { id } = bodyOf(await owner.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    await factories(server.app).newMember(id, viewerId, 'VIEWER');

    // A day in the life of an organization: successes and failures.
    await owner.post(`/v2/orgs/${org}/apps`, { name: 'payments' });
    await owner.post(`/v2/orgs/${org}/apps`, { name: 'payments' }); // CONFLICT
    await owner.patch(`/v2/orgs/${org}/apps/payments`, { description: 'Cards' });
    const key = CreateApiKeyResponseSchema.parse(
      (await owner.post(`/v2/orgs/${org}/tokens`, { name: 'ci', permissions: ['workflows:read'] }))
        .body,
    );
    secrets.push(key.secret);
    await owner.patch(`/v2/orgs/${org}/tokens/${key.id}`, { name: 'ci-renamed' });
    await owner.delete(`/v2/orgs/${org}/tokens/${key.id}`);
    await viewer.post(`/v2/orgs/${org}/tokens`, { name: 'nope', permissions: ['workflows:read'] });
    const invite = CreateJoinSecretResponseSchema.parse(
      (await owner.post(`/v2/orgs/${org}/join-secrets`, { role: 'VIEWER' })).body,
    );
    secrets.push(invite.secret);
    await owner.delete(`/v2/orgs/${org}/join-secrets/${invite.id}`);
    await owner.patch(`/v2/orgs/${org}/members/${viewerId}`, { role: 'OPERATOR' });
    await owner.patch(`/v2/orgs/${org}/members/${ownerId}`, { role: 'ADMIN' }); // last owner
    await owner.delete(`/v2/orgs/${org}/apps/payments`);
  });
  afterAll(async () => {
    await server?.close();
    await scratch?.drop();
  });

  it('records every operator action, successes and failures, newest first', async () => {
    const log = await auditLogs();
    const trail = log.items.map((e) => `${e.action}:${e.outcome}`).reverse();
    expect(trail).toEqual([
      'organization.create:SUCCESS',
      'application.create:SUCCESS',
      'application.create:FAILURE',
      'application.update:SUCCESS',
      'api_key.create:SUCCESS',
      'api_key.rename:SUCCESS',
      'api_key.revoke:SUCCESS',
      'api_key.create:FAILURE',
      'join_secret.create:SUCCESS',
      'join_secret.revoke:SUCCESS',
      'member.update_role:SUCCESS',
      'member.update_role:FAILURE',
      'application.delete:SUCCESS',
    ]);
    expect(log.total).toBe(13);
  });

  it('says who acted, on what, and why a failure failed', async () => {
    const { items } = await auditLogs('?outcome=FAILURE');
    const forbidden = items.find((e) => e.action === 'api_key.create');
    expect(forbidden).toMatchObject({
      actor: { type: 'user', id: viewerId, name: 'Test User' },
      target: { type: 'api_key', id: null },
      details: { errorCode: 'FORBIDDEN' },
    });
    const lastOwner = items.find((e) => e.action === 'member.update_role');
    expect(lastOwner).toMatchObject({
      actor: { id: ownerId },
      target: { type: 'member', id: ownerId },
      details: { errorCode: 'CONFLICT', role: 'ADMIN' },
    });
    const conflict = items.find((e) => e.action === 'application.create');
    expect(conflict).toMatchObject({ target: { type: 'application', id: 'payments' } });
  });

  it('never records a secret', async () => {
    const everything = JSON.stringify(await auditLogs('?limit=500'));
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('filters by action, actor, target, outcome and time, and pages', async () => {
    const byAction = await auditLogs('?action=api_key.revoke');
    expect(byAction.items).toHaveLength(1);
    const revoked = byAction.items[0]!;
    expect((await auditLogs(`?target=${revoked.target.id}`)).items.map((e) => e.action)).toEqual([
      'api_key.revoke',
      'api_key.rename',
      'api_key.create',
    ]);
    expect((await auditLogs(`?actor=${viewerId}`)).items.map((e) => e.action)).toEqual([
      'api_key.create',
    ]);
    expect((await auditLogs('?outcome=FAILURE')).total).toBe(3);
    expect((await auditLogs('?since=2999-01-01T00:00:00Z')).items).toEqual([]);
    expect((await auditLogs(`?until=${encodeURIComponent(revoked.createdAt)}`)).total).toBe(6);

    const first = await auditLogs('?limit=5');
    expect(first).toMatchObject({ limit: 5, offset: 0, nextOffset: 5, total: 13 });
    const last = await auditLogs('?limit=5&offset=10');
    expect(last.items).toHaveLength(3);
    expect(last.nextOffset).toBeUndefined();
  });

  it('serves the list as a bare array (as DBOS does), its page in headers', async () => {
    const path = `/v2/orgs/${org}/audit-logs`;
    const middle = await owner.get(`${path}?outcome=SUCCESS&limit=4&offset=4`);
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
      'x-total-count': '10',
      'x-page-limit': '4',
      'x-page-offset': '4',
      'x-next-offset': '8',
      link: `<${path}?outcome=SUCCESS&limit=4&offset=8>; rel="next"`,
    });
    const next = await owner.get(`${path}?outcome=SUCCESS&limit=4&offset=8`);
    expect(next.body).toHaveLength(2);
    expect(next.headers.get('x-total-count')).toBe('10');
    expect(next.headers.get('x-next-offset')).toBeNull();
    expect(next.headers.get('link')).toBeNull();
  });

  it('validates filters, listing each problem', async () => {
    const res = await owner.get(`/v2/orgs/${org}/audit-logs?limit=0&outcome=MAYBE&since=yesterday`);
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['limit', 'outcome', 'since']);
  });

  it('is for admins: a viewer is FORBIDDEN', async () => {
    assertProblem(await viewer.get(`/v2/orgs/${org}/audit-logs`), 403, 'FORBIDDEN');
  });
});
