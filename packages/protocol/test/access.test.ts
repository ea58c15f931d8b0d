import { describe, expect, it } from 'vitest';
import {
  ROLES,
  builtInRole,
  canCreateApiKey,
  canCreateJoinSecret,
  isRoleWithin,
} from '../src/index';

const custom = (...permissions: Parameters<typeof canCreateApiKey>[1]) => ({
  name: 'custom',
  isGlobal: false,
  permissions: [...permissions],
});

describe('who may create which credential (and so keep it)', () => {
  it('lets a creator give a key only permissions they hold, with token.write', () => {
    const creators = ROLES.filter((role) =>
      canCreateApiKey(builtInRole(role), ['application.read']),
    );
    expect(creators).toEqual(['OWNER', 'ADMIN', 'MEMBER']);
    expect(canCreateApiKey(null, [])).toBe(false);
    const keyMaker = custom('token.write', 'application.read');
    expect(canCreateApiKey(keyMaker, ['application.read'])).toBe(true);
    expect(canCreateApiKey(keyMaker, ['application.read', 'application.write'])).toBe(false);
  });

  it('lets admins and owners create join secrets up to their own role', () => {
    const creatable = (role: (typeof ROLES)[number]) =>
      ROLES.filter((secretRole) => canCreateJoinSecret(builtInRole(role), secretRole));
    expect(creatable('OWNER')).toEqual(['OWNER', 'ADMIN', 'MEMBER', 'OPERATOR', 'VIEWER']);
    expect(creatable('ADMIN')).toEqual(['ADMIN', 'MEMBER', 'OPERATOR', 'VIEWER']);
    expect(creatable('MEMBER')).toEqual([]);
    expect(creatable('OPERATOR')).toEqual([]);
    expect(creatable('VIEWER')).toEqual([]);
    expect(canCreateJoinSecret(null, 'VIEWER')).toBe(false);
  });

  it('orders roles by the permissions they grant; only owners hold the owner role', () => {
    expect(isRoleWithin(builtInRole('OPERATOR'), builtInRole('ADMIN'))).toBe(true);
    expect(isRoleWithin(builtInRole('OWNER'), builtInRole('ADMIN'))).toBe(false);
    expect(isRoleWithin(custom('metric.read'), builtInRole('VIEWER'))).toBe(true);
    expect(isRoleWithin(custom('token.read'), builtInRole('OPERATOR'))).toBe(false);
  });
});
