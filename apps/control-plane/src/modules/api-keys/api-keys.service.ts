import { Injectable } from '@nestjs/common';
import { EventBus } from '../../infra/events/event-bus';
import {
  ApplicationsRepository,
  type ApplicationRecord,
} from '../applications/applications.repository';
import type { ApiKeyPermission } from './api-key-permissions';
import { generateApiKeySecret, hashApiKeySecret, isWellFormedApiKeySecret } from './api-key-secret';
import { ApiKeysRepository, type ApiKeyRecord } from './api-keys.repository';
import { RefusalCache } from './refusal-cache';

export interface CreateApiKeyInput {
  name: string;
  permissions: readonly ApiKeyPermission[];
  /** Restrict the key to these applications; empty or absent: all of the organization's. */
  applicationIds?: readonly string[];
  expiresAt?: Date | null;
  createdById?: string | null;
}

export type ExecutorLinkAuthorization =
  | { ok: true; apiKey: ApiKeyRecord; application: ApplicationRecord }
  | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND'; detail: string };

const REFUSED = 'The API key is not valid: it is unknown, revoked or expired.';

@Injectable()
export class ApiKeysService {
  private readonly refusals = new RefusalCache();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly applications: ApplicationsRepository,
    private readonly events: EventBus,
  ) {}

  /** Creates a key. The secret is in the result and nowhere else, ever. */
  async createApiKey(
    organizationId: string,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    const { secret, prefix, hash } = generateApiKeySecret();
    const apiKey = await this.keys.create({
      organizationId,
      name: input.name,
      prefix,
      secretHash: hash,
      permissions: input.permissions,
      applicationIds: input.applicationIds ?? [],
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
    });
    return { apiKey, secret };
  }

  /** The live key a secret belongs to, or null. Records the use. */
  async authenticate(secret: string, now = new Date()): Promise<ApiKeyRecord | null> {
    if (!isWellFormedApiKeySecret(secret)) return null;
    const hash = hashApiKeySecret(secret);
    if (this.refusals.has(hash, now.getTime())) return null;
    const key = await this.keys.findBySecretHash(hash);
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) {
      this.refusals.add(hash, now.getTime());
      return null;
    }
    await this.keys.touchLastUsed(key.id, now);
    return key;
  }

  /** May this secret open an executor link for the application named `appName`? */
  async authorizeExecutorLink(appName: string, secret: string): Promise<ExecutorLinkAuthorization> {
    const apiKey = await this.authenticate(secret);
    if (!apiKey) return { ok: false, code: 'UNAUTHENTICATED', detail: REFUSED };
    if (!apiKey.permissions.includes('executor:connect')) {
      return { ok: false, code: 'FORBIDDEN', detail: 'This API key may not connect executors.' };
    }
    const application = await this.applications.findByName(apiKey.organizationId, appName);
    if (!application) {
      return {
        ok: false,
        code: 'NOT_FOUND',
        detail: `No application named "${appName}" is registered in this key's organization.`,
      };
    }
    if (apiKey.applicationIds.length > 0 && !apiKey.applicationIds.includes(application.id)) {
      return {
        ok: false,
        code: 'FORBIDDEN',
        detail: `This API key is not valid for "${appName}".`,
      };
    }
    return { ok: true, apiKey, application };
  }

  /** Revokes the key; every link that used it closes (see ExecutorRegistry). */
  async revokeApiKey(organizationId: string, apiKeyId: string): Promise<boolean> {
    const revoked = await this.keys.revoke(organizationId, apiKeyId, new Date());
    if (revoked) this.events.emit('api-key.revoked', { organizationId, apiKeyId });
    return revoked;
  }
}
