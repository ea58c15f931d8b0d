import { builtInRole, type ApiKey, type JoinSecret, type Role } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { isDemotion, revocationsFor } from './revocations';

const ada = '01a20232-872e-727c-8ecb-ed016a465735';
const bob = '01a20232-872e-727c-8ecb-ed016a465736';
const now = Date.parse('2026-11-22T12:00:00Z');

const key = (name: string, overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: `01a20232-872e-727c-8ecb-${name.padStart(12, '0')}`,
  tokenName: name,
  prefix: `pdm_${name}`,
  permissions: ['websocket.connect'],
  appIds: [],
  applications: [],
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdAt: '2026-11-22T07:39:55.566Z',
  createdById: ada,
  ...overrides,
});

const secret = (prefix: string, role: Role, overrides: Partial<JoinSecret> = {}): JoinSecret => ({
  id: `01a20232-872e-727c-8ecb-${prefix.padStart(12, '0')}`,
  prefix: `pjs_${prefix}`,
  role,
  expiresAt: '2026-11-29T00:00:00.000Z',
  maxUses: 10,
  uses: 0,
  revokedAt: null,
  createdAt: '2026-11-22T07:39:55.566Z',
  createdById: ada,
  ...overrides,
});

const keys = [
  key('1'),
  key('2', { createdById: bob }),
  key('3', { revokedAt: '2026-11-22T08:00:00.000Z' }),
  key('4', { expiresAt: '2026-11-22T11:00:00.000Z' }),
];
const secrets = [
  secret('1', 'OWNER'),
  secret('2', 'ADMIN'),
  secret('3', 'VIEWER'),
  secret('4', 'VIEWER', { createdById: bob }),
  secret('5', 'VIEWER', { uses: 10 }),
  secret('6', 'VIEWER', { expiresAt: '2026-11-22T11:00:00.000Z' }),
];
const names = ({ apiKeys, joinSecrets }: ReturnType<typeof revocationsFor>) => ({
  apiKeys: apiKeys.map((k) => k.tokenName),
  joinSecrets: joinSecrets.map((s) => s.prefix),
});

describe('what removing or demoting a member revokes', () => {
  it('revokes every live key and join secret they created when they are removed', () => {
    expect(names(revocationsFor(ada, null, keys, secrets, now))).toEqual({
      apiKeys: ['1'],
      joinSecrets: ['pjs_1', 'pjs_2', 'pjs_3'],
    });
  });

  it('revokes keys carrying permissions the new role lacks', () => {
    const readers = { name: 'readers', permissions: ['token.write' as const], isGlobal: false };
    expect(names(revocationsFor(ada, readers, keys, secrets, now)).apiKeys).toEqual(['1']);
  });

  it('revokes them all when the new role may create neither', () => {
    expect(names(revocationsFor(ada, builtInRole('OPERATOR'), keys, secrets, now))).toEqual({
      apiKeys: ['1'],
      joinSecrets: ['pjs_1', 'pjs_2', 'pjs_3'],
    });
  });

  it('keeps keys and the join secrets within the new role', () => {
    expect(names(revocationsFor(ada, builtInRole('ADMIN'), keys, secrets, now))).toEqual({
      apiKeys: [],
      joinSecrets: ['pjs_1'],
    });
    expect(names(revocationsFor(ada, builtInRole('OWNER'), keys, secrets, now))).toEqual({
      apiKeys: [],
      joinSecrets: [],
    });
  });

  it('calls a change that takes something away a demotion', () => {
    const demotion = (from: Role, to: Role) => isDemotion(builtInRole(from), builtInRole(to));
    expect(demotion('ADMIN', 'OPERATOR')).toBe(true);
    expect(demotion('OWNER', 'ADMIN')).toBe(true);
    expect(demotion('OPERATOR', 'ADMIN')).toBe(false);
    expect(demotion('VIEWER', 'VIEWER')).toBe(false);
    const custom = { name: 'keys', permissions: ['token.write' as const], isGlobal: false };
    expect(isDemotion(custom, builtInRole('OPERATOR'))).toBe(true);
    expect(isDemotion(custom, builtInRole('ADMIN'))).toBe(false);
  });
});
