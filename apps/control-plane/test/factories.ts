import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Database, Role } from '@podium/db';
import { DATABASE } from '../src/infra/database/database.tokens';
import type { Permission } from '@podium/protocol';
import { ApiKeysService } from '../src/modules/api-keys/api-keys.service';
import { ApplicationsRepository } from '../src/modules/applications/applications.repository';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import { UsersRepository } from '../src/modules/users/users.repository';

const unique = () => randomBytes(4).toString('hex');

/**
 * Test data with unique names, stored as the control plane stores it: API keys through
 * ApiKeysService (hashed secret, scopes), applications and users through their repositories
 * (users with a real scrypt hash), organizations and memberships straight into their tables
 * (the app creates an organization only together with its owner; these arrange any shape).
 */
export function factories(app: INestApplication<Server>) {
  const db = app.get<Database>(DATABASE);
  return {
    newOrg: (name = `org-${unique()}`) =>
      db.prisma.organization.create({ data: { name, displayName: name } }),
    newApp: (organizationId: string, name = `app-${unique()}`) =>
      app.get(ApplicationsRepository).create(organizationId, name),
    newApiKey: (
      organizationId: string,
      options: {
        permissions?: Permission[];
        applicationIds?: string[];
        expiresAt?: Date;
      } = {},
    ) =>
      app.get(ApiKeysService).createApiKey(organizationId, {
        name: `key-${unique()}`,
        permissions: options.permissions ?? [
          'websocket.connect',
          'application.read',
          'application.write',
          'metric.read',
        ],
        applicationIds: options.applicationIds,
        expiresAt: options.expiresAt,
      }),
    /** A registered user (real scrypt hash), with the password to sign in with. */
    newUser: async (options: { email?: string; password?: string; displayName?: string } = {}) => {
      const password = options.password ?? `password-${unique()}`;
      const user = await app.get(UsersRepository).create({
        email: options.email ?? `user-${unique()}@example.com`,
        displayName: options.displayName ?? 'Test User',
        passwordHash: await app.get(PasswordHasher).hash(password),
      });
      if (typeof user === 'string') throw new Error(`newUser: ${user}`);
      return { ...user, password };
    },
    /** Makes a user a member of an organization with a role. */
    newMember: (organizationId: string, userId: string, role: Role) =>
      db.prisma.membership.create({ data: { organizationId, userId, role } }),
  };
}
