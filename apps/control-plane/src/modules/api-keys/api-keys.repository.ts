import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.module';

export interface ApiKeyRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly prefix: string;
  readonly permissions: readonly string[];
  /** Empty: every application of the organization. */
  readonly applicationIds: readonly string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly createdAt: Date;
}

export interface NewApiKey {
  organizationId: string;
  name: string;
  prefix: string;
  secretHash: string;
  permissions: readonly string[];
  applicationIds: readonly string[];
  expiresAt: Date | null;
  createdById: string | null;
}

const withScopes = { applications: { select: { applicationId: true } } } as const;

type Row = Omit<ApiKeyRecord, 'applicationIds'> & { applications: { applicationId: string }[] };

function mapRecord({ applications, ...row }: Row & { secretHash?: string }): ApiKeyRecord {
  const { secretHash: _hidden, ...rest } = row;
  return { ...rest, applicationIds: applications.map((a) => a.applicationId) };
}

/** The only place that touches the api_keys tables. */
@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    const { applicationIds, permissions, ...fields } = key;
    const row = await this.db.prisma.apiKey.create({
      data: {
        ...fields,
        permissions: [...permissions],
        applications: { create: applicationIds.map((applicationId) => ({ applicationId })) },
      },
      include: withScopes,
    });
    return mapRecord(row);
  }

  async findBySecretHash(secretHash: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.prisma.apiKey.findUnique({
      where: { secretHash },
      include: withScopes,
    });
    return row && mapRecord(row);
  }

  /** Revokes a key of that organization; false when there is none (or it was revoked already). */
  async revoke(organizationId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.prisma.apiKey.updateMany({
      where: { id, organizationId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count === 1;
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.db.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
