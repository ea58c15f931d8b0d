import type { ApiKey, CreateApiKeyResponse } from '@podium/protocol';
import { knownPermissions } from '../../common/auth/route-permission';
import type { ApiKeyRecord } from './api-keys.repository';

/** DBOS Conductor's token fields (`tokenName`, `appIds`, ...) and Podium's own. */
export function mapApiKey(key: ApiKeyRecord): ApiKey {
  return {
    id: key.id,
    tokenName: key.name,
    prefix: key.prefix,
    // Permissions this version no longer knows are not shown (and grant nothing).
    permissions: knownPermissions(key.permissions),
    appIds: [...key.applicationIds],
    applications: [...key.applicationNames],
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    createdById: key.createdById,
  };
}

/** The one response that carries the secret itself (`token`). */
export function mapCreatedApiKey(key: ApiKeyRecord, secret: string): CreateApiKeyResponse {
  return { ...mapApiKey(key), token: secret };
}
