import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  AppError,
  PERMISSIONS,
  type ApiKey,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  type CreateNamedApiKeyRequest,
  type PaginationQuery,
  type Permission,
  type RevokedCredentials,
  type RoleOutput,
  canCreateApiKey,
  type Paginated,
} from '@podium/protocol';
import { applicationScopeOf, type Principal } from '../../common/auth/principal';
import { knownPermissions } from '../../common/auth/route-permission';
import type { OrgScope } from '../../common/auth/request-context';
import { quotaExceeded } from '../../common/errors/quota-exceeded';
import { toCountedPage } from '../../common/pagination/counted-page';
import { CONFIG, type Config } from '../../config/config';
import { QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { EventBus } from '../../infra/events/event-bus';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { AUDIT_ACTIONS, auditedAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ApiKeyLookupBudget } from './api-key-lookup-budget';
import { API_KEY_SECRETS } from './api-key-secret';
import { scopeIncludes } from './application-scope';
import { mapApiKey, mapCreatedApiKey } from './api-keys.dto';
import { ApiKeysRepository, type ApiKeyRecord, type RevokedKey } from './api-keys.repository';
import { TtlCache } from '../../common/cache/ttl-cache';

export interface CreateApiKeyInput {
  name: string;
  permissions: readonly Permission[];
  /** Restrict the key to these applications; empty or absent: all of the organization's. */
  applicationIds?: readonly string[];
  expiresAt?: Date | null;
  createdById?: string | null;
  /** The key creating it, when a key does: revoking that one revokes this one too. */
  createdByApiKeyId?: string | null;
}

export type ExecutorLinkAuthorization =
  | { ok: true; apiKey: ApiKeyRecord; application: ApplicationRecord }
  | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND'; detail: string }
  | { ok: false; code: 'RATE_LIMITED'; detail: string; retryAfterSeconds: number };

const REFUSED = 'The API key is not valid: it is unknown, revoked or expired.';

@Injectable()
export class ApiKeysService implements OnModuleDestroy {
  /**
   * Secrets that can never authenticate (unknown, revoked, expired), so a refused
   * executor retrying every second, forever, costs a map lookup, not a query.
   */
  private readonly refusals = new TtlCache<string, true>(60_000);

  /**
   * Keys that authenticated within the last second or two, so a client sending
   * many requests costs one lookup a second (a revocation, on any replica, drops the entry
   * at once; expiry is checked on every hit). See LAST_USE_RESOLUTION_MS for the write side.
   */
  private readonly recentlyValid = new TtlCache<string, ApiKeyRecord>(1_000);

  private readonly unsubscribe: () => void;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly applications: ApplicationRecordsService,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly budget: ApiKeyLookupBudget,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // Announced once committed (forgotten earlier, the cache could reload the row as it was),
    // and on every replica: each keeps its own cache.
    this.unsubscribe = events.on('api-key.revoked', ({ apiKeyId }) =>
      this.recentlyValid.deleteWhere((key) => key.id === apiKeyId),
    );
  }

  onModuleDestroy() {
    this.unsubscribe();
  }

  /** Creates a key. The secret is in the result and nowhere else, ever. */
  async createApiKey(
    organizationId: string,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    const { secret, prefix, hash } = API_KEY_SECRETS.generate();
    const maxLive = this.config.quotas.liveApiKeysPerOrg;
    const apiKey = await this.keys.create(
      {
        organizationId,
        name: input.name,
        prefix,
        secretHash: hash,
        permissions: input.permissions,
        applicationIds: input.applicationIds ?? [],
        expiresAt: input.expiresAt ?? null,
        createdById: input.createdById ?? null,
        createdByApiKeyId: input.createdByApiKeyId ?? null,
      },
      maxLive,
    );
    if (apiKey === 'taken') {
      throw new AppError('CONFLICT', `A live API key is already named "${input.name}".`);
    }
    if (apiKey === QUOTA_EXCEEDED) throw quotaExceeded('live API keys', maxLive);
    return { apiKey, secret };
  }

  /** DBOS Conductor's `POST /tokens/{tokenName}`: absent permissions are all of them. */
  createNamedApiKeyFor(
    scope: OrgScope,
    tokenName: string,
    input: CreateNamedApiKeyRequest,
  ): Promise<CreateApiKeyResponse> {
    return this.createApiKeyFor(scope, {
      name: tokenName,
      permissions: input.permissions ?? [...PERMISSIONS],
      applications: input.appNames,
      expiresAt: null,
    });
  }

  /**
   * `POST /tokens`: checks the creator may give these permissions, resolves application names,
   * checks the expiry, audits (DBOS's `permissions` and `applications` details).
   */
  createApiKeyFor(
    scope: OrgScope,
    input: CreateApiKeyRequest,
    now = new Date(),
  ): Promise<CreateApiKeyResponse> {
    const action = auditedAction(scope, AUDIT_ACTIONS.tokenCreate, null, {
      name: input.name,
      permissions: input.permissions,
      applications: input.applications,
      expiresAt: input.expiresAt ?? null,
    });
    return this.audit.track(
      action,
      async () => {
        // The creator's permissions: a member's role's, or those of the key calling.
        if (!canCreateApiKey({ permissions: scope.permissions }, input.permissions)) {
          throw new AppError(
            'FORBIDDEN',
            'A key may carry only permissions its creator holds, and creating one needs "token.write".',
          );
        }
        if (applicationScopeOf(scope.principal).length > 0 && input.applications.length === 0) {
          throw new AppError(
            'FORBIDDEN',
            'An API key limited to some applications creates keys only for them: name them in `applications` (`appNames`).',
          );
        }
        const expiresAt = expiryFor(scope.principal, input.expiresAt, now);
        const applicationIds = await this.applicationIdsOf(scope, input.applications);
        const { apiKey, secret } = await this.createApiKey(scope.organization.id, {
          name: input.name,
          permissions: input.permissions,
          applicationIds,
          expiresAt,
          // A key's key belongs to the member behind it: it stays valid only while they could
          // create it (removal or a lesser role revokes it), as their own keys do.
          createdById:
            scope.principal.kind === 'user'
              ? scope.principal.userId
              : scope.principal.apiKey.createdById,
          // ...and dies with the key that created it, when revoked (as it expires with it).
          createdByApiKeyId: scope.principal.kind === 'api-key' ? scope.principal.apiKey.id : null,
        });
        return mapCreatedApiKey(apiKey, secret);
      },
      // Never the secret: only what identifies the key, and the expiry it got (a key's key
      // gets its creator's when it asked for none or a later one).
      (created) => ({
        targetId: created.id,
        details: { prefix: created.prefix, expiresAt: created.expiresAt },
      }),
    );
  }

  /**
   * A key limited to some applications sees only keys limited to applications of its own scope,
   * so a listing never names the organization's other applications.
   */
  async findApiKeys(scope: OrgScope, page: PaginationQuery): Promise<Paginated<ApiKey>> {
    const { items, total } = await this.keys.findPage(
      scope.organization.id,
      page,
      applicationScopeOf(scope.principal),
    );
    return toCountedPage(items.map(mapApiKey), total, page);
  }

  /** `PATCH /tokens/{tokenName}` (name or id). */
  renameApiKey(scope: OrgScope, ref: string, newName: string): Promise<ApiKey> {
    const action = auditedAction(scope, AUDIT_ACTIONS.tokenRename, ref, { name: newName });
    return this.audit.track(
      action,
      async () => {
        const key = await this.getApiKey(scope, ref);
        const renamed = await this.keys.rename(scope.organization.id, key.id, newName);
        if (renamed === 'taken') {
          throw new AppError('CONFLICT', `A live API key is already named "${newName}".`);
        }
        if (!renamed) throw notFound(scope, ref);
        return mapApiKey(renamed);
      },
      (renamed) => ({ targetId: renamed.id }),
    );
  }

  /**
   * `DELETE /tokens/{tokenName}` (name or id): revoking twice is fine; a key of another
   * organization, or one the caller may not see (see findApiKeys), is not found.
   */
  revokeApiKeyFor(scope: OrgScope, ref: string): Promise<void> {
    let targetId = ref;
    let created: string[] = [];
    const action = auditedAction(scope, AUDIT_ACTIONS.tokenRevoke, ref);
    return this.audit.track(
      action,
      async () => {
        const key = await this.getApiKey(scope, ref);
        targetId = key.id;
        created = (await this.revokeWithItsKeys(scope.organization.id, key.id)).created.map(
          (revoked) => revoked.id,
        );
      },
      () => ({
        targetId,
        details: { tokenName: ref, ...(created.length > 0 && { keysItCreated: created }) },
      }),
    );
  }

  /** A key the caller may not see (see findApiKeys) is not found, as one that never existed. */
  private async getApiKey(scope: OrgScope, ref: string): Promise<ApiKeyRecord> {
    const key = await this.keys.findOneByIdOrName(
      scope.organization.id,
      ref,
      applicationScopeOf(scope.principal),
    );
    if (!key) throw notFound(scope, ref);
    return key;
  }

  /**
   * The live key a secret belongs to, or null. Records the use (to the minute). A key not seen
   * valid here lately is looked up within the budget of `from`, the client's address
   * (AuthAttemptLimiter): past it, RATE_LIMITED, and no lookup.
   */
  async authenticate(secret: string, from: string, now = new Date()): Promise<ApiKeyRecord | null> {
    if (!API_KEY_SECRETS.isWellFormed(secret)) return null;
    const hash = API_KEY_SECRETS.hash(secret);
    const at = now.getTime();
    if (this.refusals.get(hash, at)) return null;
    const load = () =>
      this.recentlyValid.getOrLoad(hash, () => this.keys.findOneBySecretHash(hash), at);
    let key =
      this.recentlyValid.get(hash, at) || this.budget.isKnown(hash, at)
        ? await load()
        : await this.budget.lookUp(hash, from, at, load, (found) => isLive(found, now));
    if (!key || !isLive(key, now)) {
      this.refusals.set(hash, true, at);
      return null;
    }
    this.budget.markValid(hash, at);
    if (isLastUseStale(key.lastUsedAt, now)) {
      await this.keys.touchLastUsed(key.id, now);
      key = { ...key, lastUsedAt: now };
      // Only here: re-setting on every hit would keep a hot entry alive forever.
      this.recentlyValid.set(hash, key, now.getTime());
    }
    return key;
  }

  /** May this secret open an executor link for the application named `appName`? */
  async authorizeExecutorLink(
    appName: string,
    secret: string,
    from: string,
  ): Promise<ExecutorLinkAuthorization> {
    let apiKey: ApiKeyRecord | null;
    try {
      apiKey = await this.authenticate(secret, from);
    } catch (error) {
      if (!AppError.is(error) || error.code !== 'RATE_LIMITED') throw error;
      const retryAfterSeconds = Number(error.extra?.retryAfterSeconds ?? 1);
      return { ok: false, code: 'RATE_LIMITED', detail: error.message, retryAfterSeconds };
    }
    if (!apiKey) return { ok: false, code: 'UNAUTHENTICATED', detail: REFUSED };
    if (!apiKey.permissions.includes('websocket.connect')) {
      return { ok: false, code: 'FORBIDDEN', detail: 'This API key may not connect executors.' };
    }
    const application = await this.applications.findOneByName(apiKey.organizationId, appName);
    // Out of the key's scope is answered like a missing app, so a scoped key cannot probe
    // which application names exist in its organization.
    if (!application || !reaches(apiKey, application.id)) {
      return {
        ok: false,
        code: 'NOT_FOUND',
        detail: `No application named "${appName}" is available to this API key.`,
      };
    }
    return { ok: true, apiKey, application };
  }

  /** The key if it is still live (not revoked, not expired), read from the database. */
  async findOneLiveKey(
    organizationId: string,
    apiKeyId: string,
    now = new Date(),
  ): Promise<ApiKeyRecord | null> {
    const key = await this.keys.findOne(organizationId, apiKeyId);
    return key && isLive(key, now) ? key : null;
  }

  /**
   * Whether a link opened with this key for this application may stay open, read from the
   * database (never a cache). ExecutorLinksService asks once the link can hear revocations: one
   * committed before that was announced to nobody.
   */
  async isExecutorLinkStillAuthorized(link: {
    organizationId: string;
    applicationId: string;
    apiKeyId: string;
  }): Promise<boolean> {
    const [key, application] = await Promise.all([
      this.findOneLiveKey(link.organizationId, link.apiKeyId),
      this.applications.findOneById(link.organizationId, link.applicationId),
    ]);
    return (
      key !== null &&
      application !== null &&
      key.permissions.includes('websocket.connect') &&
      reaches(key, application.id)
    );
  }

  /**
   * Revokes the key, and the keys it created (theirs too); every link that used one closes (see
   * ExecutorLinksService). True when the key itself was live.
   */
  async revokeApiKey(organizationId: string, apiKeyId: string): Promise<boolean> {
    return (await this.revokeWithItsKeys(organizationId, apiKeyId)).revoked;
  }

  private async revokeWithItsKeys(
    organizationId: string,
    apiKeyId: string,
  ): Promise<{ revoked: boolean; created: RevokedKey[] }> {
    const at = new Date();
    const revoked = await this.keys.revoke(organizationId, apiKeyId, at);
    const created = await this.keys.revokeCreatedBy(organizationId, apiKeyId, at);
    const ids = created.map((key) => key.id);
    for (const id of revoked ? [apiKeyId, ...ids] : ids) {
      this.events.emit('api-key.revoked', { organizationId, apiKeyId: id });
    }
    return { revoked, created };
  }

  /**
   * A key stays valid only while its creator could still create it: revokes every live key
   * they created in the organization that `creatorRole` (null: no longer a member) may not
   * create (it lacks `token.write` or one of the key's permissions). Returns those it revoked.
   */
  async revokeApiKeysOutlivingCreator(
    organizationId: string,
    creatorId: string,
    creatorRole: RoleOutput | null,
  ): Promise<RevokedCredentials['apiKeys']> {
    const keys = await this.keys.findLiveCreatedBy(organizationId, creatorId, new Date());
    const revoked: RevokedCredentials['apiKeys'] = [];
    for (const { id, name, prefix, permissions } of keys) {
      if (canCreateApiKey(creatorRole, knownPermissions(permissions))) continue;
      const outcome = await this.revokeWithItsKeys(organizationId, id);
      if (outcome.revoked) revoked.push({ id, name, prefix });
      // The keys it created die with it, even those its creator could still create.
      revoked.push(...outcome.created.filter((key) => !revoked.some((r) => r.id === key.id)));
    }
    return revoked;
  }

  /**
   * Revokes the live keys scoped to this application alone (before it is deleted: an empty
   * scope would mean "every application"). Returns their ids. Call it in the transaction that
   * deletes the application: it locks the organization's keys until that transaction ends.
   */
  async revokeKeysScopedOnlyTo(organizationId: string, applicationId: string): Promise<string[]> {
    const ids = await this.keys.lockScopedOnlyTo(organizationId, applicationId);
    for (const id of ids) await this.revokeApiKey(organizationId, id);
    return ids;
  }

  /** Application names to ids; every unknown name is a validation error of its own. */
  private async applicationIdsOf(scope: OrgScope, names: readonly string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return [];
    const found = await this.applications.findByNames(scope.organization.id, unique);
    // A scoped key names only its own applications; others are unknown to it (never probed).
    const scopeIds = applicationScopeOf(scope.principal);
    const reachable = found.filter((app) => scopeIncludes(scopeIds, app.id));
    const idByName = new Map(reachable.map((app) => [app.name, app.id]));
    const missing = names.flatMap((name, index) =>
      idByName.has(name)
        ? []
        : [{ path: `applications.${index}`, message: `no application named "${name}"` }],
    );
    if (missing.length > 0) throw AppError.validation(missing);
    return unique.map((name) => idByName.get(name) ?? '');
  }
}

/**
 * A new key's expiry: the one asked for, in the future. A key created by a key expires no later
 * than that key (with it, unless asked for earlier): an expiring key must not mint one that
 * outlives it.
 */
function expiryFor(
  creator: Principal,
  requested: string | null | undefined,
  now: Date,
): Date | null {
  const expiresAt = requested ? new Date(requested) : null;
  if (expiresAt && expiresAt <= now) {
    throw AppError.validation([{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const ceiling = creator.kind === 'api-key' ? creator.apiKey.expiresAt : null;
  if (!ceiling) return expiresAt;
  return expiresAt && expiresAt < ceiling ? expiresAt : ceiling;
}

/** Whether the key's application scope includes the application (empty: all of them). */
export function reaches(key: ApiKeyRecord, applicationId: string): boolean {
  return scopeIncludes(key.applicationIds, applicationId);
}

function isLive(key: ApiKeyRecord, now: Date): boolean {
  return !key.revokedAt && (!key.expiresAt || key.expiresAt > now);
}

function notFound(scope: OrgScope, id: string): AppError {
  return new AppError('NOT_FOUND', `No API key ${id} in "${scope.organization.name}".`);
}

/**
 * Last use is kept to the minute. Writing it on every request made every call
 * with one key queue on that key's row lock (and a WAL flush): the command
 * proxy benchmark showed it as the bottleneck. The decision uses the value just
 * read, so it needs no state and holds across replicas.
 */
export const LAST_USE_RESOLUTION_MS = 60_000;

function isLastUseStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS;
}
