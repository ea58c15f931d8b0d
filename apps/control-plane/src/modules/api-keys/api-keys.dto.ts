import {
  API_KEY_PERMISSIONS,
  type ApiKey,
  type ApiKeyPermission,
  type CreateApiKeyResponse,
} from '@podium/protocol';
import type { ApiKeyRecord } from './api-keys.repository';

/** Permissions this version no longer knows are not shown (and grant nothing). */
function isKnownPermission(permission: string): permission is ApiKeyPermission {
  return (API_KEY_PERMISSIONS as readonly string[]).includes(permission);
}

export function mapApiKey(key: ApiKeyRecord): ApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    permissions: key.permissions.filter(isKnownPermission),
    applications: [...key.applicationNames],
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    createdById: key.createdById,
  };
}

/** The one response that carries the secret itself. */
export function mapCreatedApiKey(key: ApiKeyRecord, secret: string): CreateApiKeyResponse {
  return { ...mapApiKey(key), secret };
}
