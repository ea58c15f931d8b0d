import { AppError } from '@podium/protocol';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../config/config';
import type { EventBus } from '../../infra/events/event-bus';
import type { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import { ApiKeyLookupBudget } from './api-key-lookup-budget';
import { API_KEY_SECRETS } from './api-key-secret';
import type { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

const NOW = new Date('2026-12-07T12:00:00Z');

/** The service over one stored key and a budget that answers with `beginKeyLookup`. */
function serviceWith(beginKeyLookup: () => Promise<void>) {
  const { secret, hash } = API_KEY_SECRETS.generate();
  const record: ApiKeyRecord = {
    id: 'key-1',
    organizationId: 'org-1',
    name: 'deploy',
    prefix: 'pdm_x',
    permissions: ['application.read'],
    applicationIds: [],
    applicationNames: [],
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: NOW,
    createdById: null,
    createdAt: NOW,
  };
  let lookups = 0;
  const keys = {
    findOneBySecretHash: (candidate: string) => {
      lookups += 1;
      return Promise.resolve(candidate === hash ? record : null);
    },
  } as unknown as ApiKeysRepository;
  const limiter = { beginKeyLookup } as unknown as AuthAttemptLimiter;
  const service = new ApiKeysService(
    keys,
    null as never,
    { on: () => () => {} } as unknown as EventBus,
    null as never,
    new ApiKeyLookupBudget(limiter, pino({ level: 'silent' })),
    {} as Config,
  );
  return { service, secret, lookups: () => lookups };
}

describe('API key lookups and the per-address budget', () => {
  it('looks a key up when the budget cannot be read (its store is down) rather than refuse it', async () => {
    const { service, secret, lookups } = serviceWith(() =>
      Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
    );
    await expect(service.authenticate(secret, '10.0.0.1', NOW)).resolves.toMatchObject({
      id: 'key-1',
    });
    await expect(
      service.authenticate(API_KEY_SECRETS.generate().secret, '10.0.0.1', NOW),
    ).resolves.toBeNull();
    expect(lookups()).toBe(2);
  });

  it('makes no lookup past the budget', async () => {
    const { service, lookups } = serviceWith(() =>
      Promise.reject(new AppError('RATE_LIMITED', 'Too many attempts', { retryAfterSeconds: 9 })),
    );
    await expect(
      service.authenticate(API_KEY_SECRETS.generate().secret, '10.0.0.1', NOW),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(lookups()).toBe(0);
  });
});
