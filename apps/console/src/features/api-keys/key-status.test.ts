import type { ApiKey } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { executorEnvHint, executorUrl, expiresAtFor, keyStatus } from './key-status';

const key: ApiKey = {
  id: '01a20232-872e-727c-8ecb-ed016a465735',
  tokenName: 'k1',
  prefix: 'pdm_78dec3ca',
  permissions: ['websocket.connect'],
  appIds: [],
  applications: [],
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdAt: '2026-11-22T07:39:55.566Z',
  createdById: null,
};
const now = Date.parse('2026-11-22T12:00:00Z');

describe('keyStatus', () => {
  it('is active without expiry or revocation', () => {
    expect(keyStatus(key, now)).toBe('active');
    expect(keyStatus({ ...key, expiresAt: '2026-11-23T00:00:00.000Z' }, now)).toBe('active');
  });

  it('is expired once the expiry has passed', () => {
    expect(keyStatus({ ...key, expiresAt: '2026-11-22T11:59:59.000Z' }, now)).toBe('expired');
  });

  it('says revoked even when it has also expired', () => {
    const both = {
      ...key,
      expiresAt: '2026-11-01T00:00:00.000Z',
      revokedAt: '2026-11-02T00:00:00.000Z',
    };
    expect(keyStatus(both, now)).toBe('revoked');
  });
});

describe('expiresAtFor', () => {
  it('is null for never, and N days ahead otherwise', () => {
    expect(expiresAtFor(null, now)).toBeNull();
    expect(expiresAtFor(30, now)).toBe('2026-12-22T12:00:00.000Z');
  });
});

describe('the executor hint', () => {
  it('names the key, the conductor URL and the app, and the URL the executor dials', () => {
    expect(executorEnvHint('pdm_x_y', 'ws://cp:8090', 'shop')).toBe(
      'CONDUCTOR_KEY=pdm_x_y CONDUCTOR_URL=ws://cp:8090 APP_NAME=shop',
    );
    expect(executorUrl('pdm_x_y', 'ws://cp:8090', 'shop')).toBe(
      'ws://cp:8090/websocket/shop/pdm_x_y',
    );
  });
});
