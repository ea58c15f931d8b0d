// Seeds an organization, its applications and an API key straight into a scratch
// database, with the control plane's own key generator.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '@podium/db';
import { API_KEY_SECRETS } from '@podium/control-plane/dist/modules/api-keys/api-key-secret.js';

export async function seedApp(
  databaseUrl,
  permissions = ['websocket.connect', 'application.read', 'metric.read'],
  application = {},
) {
  const { org, apps, apiKey } = await seedApps(databaseUrl, 1, permissions, application);
  return { org, app: apps[0].name, apiKey, applicationId: apps[0].id };
}

/** An organization with `count` applications and one API key for all of them. */
export async function seedApps(
  databaseUrl,
  count,
  permissions = ['websocket.connect', 'application.read', 'metric.read'],
  application = {},
) {
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl });
  try {
    const suffix = randomBytes(3).toString('hex');
    const org = await db.prisma.organization.create({
      data: { name: `bench-${suffix}`, displayName: 'Bench' },
    });
    const apps = [];
    for (let i = 0; i < count; i++) {
      const name = count === 1 ? `bench-app-${suffix}` : `bench-app-${suffix}-${i}`;
      const app = await db.prisma.application.create({
        data: { organizationId: org.id, name, ...application },
      });
      apps.push({ name: app.name, id: app.id });
    }
    const { secret, prefix, hash } = API_KEY_SECRETS.generate();
    await db.prisma.apiKey.create({
      data: { organizationId: org.id, name: 'bench', prefix, secretHash: hash, permissions },
    });
    return { org: org.name, orgId: org.id, apps, apiKey: secret };
  } finally {
    await db.close();
  }
}
