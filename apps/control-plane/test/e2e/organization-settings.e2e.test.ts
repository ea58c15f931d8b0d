import type { Database } from '@podium/db';
import { OrganizationSchema, SELF_HOSTED_PLAN } from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { AuditRetention } from '../../src/modules/audit/audit-retention';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

const DAY_MS = 86_400_000;

/**
 * DBOS Conductor's `PATCH /v2/orgs/{org}`: renaming (the old name stops resolving at once) and
 * the audit log's retention, which the coordinator's sweep enforces per organization.
 */
describe('organization settings: rename and audit log retention', () => {
  const stack = usePostgresControlPlane();
  let db: Database;
  let owner: TestBrowser;
  let admin: TestBrowser;
  let name: string;
  let orgId: string;
  const unique = () => Date.now().toString(36);

  const auditOf = (organizationId: string) =>
    db.prisma.auditEvent.findMany({ where: { organizationId }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    db = stack.server.app.get<Database>(DATABASE);
    owner = new TestBrowser(stack.server.url);
    await signUpAndIn(owner);
    admin = new TestBrowser(stack.server.url);
    const { userId } = await signUpAndIn(admin);
    name = `settings-${unique()}`;
    orgId = bodyOf(await owner.post('/v2/orgs', { name }), OrganizationSchema, 201).id;
    await factories(stack.server.app).newMember(orgId, userId, 'ADMIN');
  });

  it("serves DBOS's organization fields, the plan's maxApps the default application quota", async () => {
    const org = bodyOf(await owner.get(`/v2/orgs/${name}`), OrganizationSchema);
    expect(org).toMatchObject({
      name,
      auditLogRetentionDays: 90,
      ...SELF_HOSTED_PLAN,
      maxApps: 1_000,
      maxConductorApps: 1_000,
    });
  });

  it('lets only the owner change it, and refuses bad or empty bodies and taken names', async () => {
    const path = () => `/v2/orgs/${name}`;
    assertProblem(await admin.patch(path(), { auditLogRetentionDays: 30 }), 403, 'FORBIDDEN');
    assertProblem(
      await owner.patch(path(), { auditLogRetentionDays: 6 }),
      422,
      'VALIDATION_FAILED',
    );
    assertProblem(await owner.patch(path(), {}), 422, 'VALIDATION_FAILED');
    assertProblem(await owner.patch(path(), { newName: 'Bad Name' }), 422, 'VALIDATION_FAILED');
    const other = `other-${unique()}`;
    await owner.post('/v2/orgs', { name: other });
    assertProblem(await owner.patch(path(), { newName: other }), 409, 'CONFLICT');
  });

  it('renames at once: the new name resolves, the old one is a 404', async () => {
    const oldName = name;
    // Resolved (and cached) under the old name first.
    expect((await owner.get(`/v2/orgs/${oldName}`)).status).toBe(200);
    name = `renamed-${unique()}`;
    const res = await owner.patch(`/v2/orgs/${oldName}`, {
      newName: name,
      auditLogRetentionDays: 7,
    });
    expect(res.status).toBe(204);
    assertProblem(await owner.get(`/v2/orgs/${oldName}`), 404, 'NOT_FOUND');
    const org = bodyOf(await owner.get(`/v2/orgs/${name}`), OrganizationSchema);
    expect(org).toMatchObject({ id: orgId, name, auditLogRetentionDays: 7 });
    // The refusals before were audited too (FORBIDDEN, CONFLICT): the success is the last entry.
    const updates = (await auditOf(orgId)).filter((e) => e.action === 'organization.update');
    expect(updates.map((e) => e.outcome)).toEqual(['FAILURE', 'FAILURE', 'SUCCESS']);
    expect(updates.at(-1)?.details).toEqual({ new_name: name, audit_log_retention_days: 7 });
  });

  it("deletes audit entries past each organization's own retention", async () => {
    const other = bodyOf(
      await owner.post('/v2/orgs', { name: `keeps-${unique()}` }),
      OrganizationSchema,
      201,
    );
    const eightDaysAgo = new Date(Date.now() - 8 * DAY_MS);
    // An old entry in each: this organization keeps 7 days, the other the default 90.
    for (const organizationId of [orgId, other.id]) {
      await db.prisma.auditEvent.updateMany({
        where: { organizationId, action: 'organization.create' },
        data: { createdAt: eightDaysAgo },
      });
    }
    await stack.server.app.get(AuditRetention).sweep();
    const kept = (await auditOf(orgId)).map((e) => e.action);
    expect(kept).not.toContain('organization.create');
    expect(kept).toContain('organization.update');
    expect((await auditOf(other.id)).map((e) => e.action)).toContain('organization.create');
  });
});
