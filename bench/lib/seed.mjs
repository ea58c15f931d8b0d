// Seeds an organization, an application and an API key straight into a scratch
// database, with the control plane's own key generator.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '@podium/db';
import { API_KEY_SECRETS } from '@podium/control-plane/dist/modules/api-keys/api-key-secret.js';

export async function seedApp(
  databaseUrl,
  permissions = ['executor:connect', 'workflows:read'],
  application = {},
) {
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl });
  try {
    const suffix = randomBytes(3).toString('hex');
    const org = await db.prisma.organization.create({
      data: { name: `bench-${suffix}`, displayName: 'Bench' },
    });
    const app = await db.prisma.application.create({
      data: { organizationId: org.id, name: `bench-app-${suffix}`, ...application },
    });
    const { secret, prefix, hash } = API_KEY_SECRETS.generate();
    await db.prisma.apiKey.create({
      data: { organizationId: org.id, name: 'bench', prefix, secretHash: hash, permissions },
    });
    return { org: org.name, app: app.name, apiKey: secret, applicationId: app.id };
  } finally {
    await db.close();
  }
}
