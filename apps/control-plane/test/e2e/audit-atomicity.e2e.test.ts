import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { CreateApplicationRequestSchema, PERMISSIONS, builtInRole } from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgScope } from '../../src/common/auth/request-context';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { ApplicationsService } from '../../src/modules/applications/applications.service';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';

/**
 * A change and its audit record commit together. Driven through the services (behind the
 * HTTP edge, which refuses these strings) with a string PostgreSQL stores in a text column
 * (the lone surrogate becomes U+FFFD on the way) but refuses in the audit record's JSON.
 */
describe('audited changes are atomic (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let db: Database;
  let scope: OrgScope;

  beforeAll(async () => {
    db = stack.server.app.get<Database>(DATABASE);
    const f = factories(stack.server.app);
    const [organization, user] = await Promise.all([f.newOrg(), f.newUser()]);
    scope = {
      organization,
      principal: { kind: 'user', userId: user.id, sessionId: randomUUID() },
      permissions: [...PERMISSIONS],
      role: builtInRole('OWNER'),
    };
  });

  it('saves no API key whose audit record cannot be written', async () => {
    await expect(
      stack.server.app.get(ApiKeysService).createApiKeyFor(scope, {
        name: 'ghost\ud800',
        permissions: ['application.read'],
        applications: [],
      }),
    ).rejects.toThrow();
    const keys = await db.prisma.apiKey.count({ where: { organizationId: scope.organization.id } });
    expect(keys).toBe(0);
  });

  it('creates no application whose audit record cannot be written', async () => {
    const applications = stack.server.app.get(ApplicationsService);
    await expect(
      applications.createApplication(
        scope,
        CreateApplicationRequestSchema.parse({ name: 'ghost-app', description: 'x\udfff' }),
      ),
    ).rejects.toThrow();
    const stored = await db.prisma.application.count({
      where: { organizationId: scope.organization.id, name: 'ghost-app' },
    });
    expect(stored).toBe(0);
  });

  it('still saves and audits an ordinary change', async () => {
    const created = await stack.server.app.get(ApiKeysService).createApiKeyFor(scope, {
      name: 'ordinary',
      permissions: ['application.read'],
      applications: [],
    });
    const record = await db.prisma.auditEvent.findFirst({
      where: { organizationId: scope.organization.id, targetId: created.id },
    });
    expect(record).toMatchObject({ action: 'token.create', outcome: 'SUCCESS' });
  });
});
