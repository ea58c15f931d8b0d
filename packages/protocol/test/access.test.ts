import { describe, expect, it } from 'vitest';
import { ROLES, canCreateApiKeys, canCreateJoinSecret, isRoleWithin } from '../src/index';

describe('who may create which credential (and so keep it)', () => {
  it('lets admins and owners create API keys, and nobody who is not a member', () => {
    expect(ROLES.filter((role) => canCreateApiKeys(role))).toEqual(['OWNER', 'ADMIN']);
    expect(canCreateApiKeys(null)).toBe(false);
  });

  it('lets admins and owners create join secrets up to their own role', () => {
    const creatable = (role: (typeof ROLES)[number]) =>
      ROLES.filter((secretRole) => canCreateJoinSecret(role, secretRole));
    expect(creatable('OWNER')).toEqual(['OWNER', 'ADMIN', 'OPERATOR', 'VIEWER']);
    expect(creatable('ADMIN')).toEqual(['ADMIN', 'OPERATOR', 'VIEWER']);
    expect(creatable('OPERATOR')).toEqual([]);
    expect(creatable('VIEWER')).toEqual([]);
    expect(canCreateJoinSecret(null, 'VIEWER')).toBe(false);
  });

  it('orders roles by what they grant', () => {
    expect(isRoleWithin('OPERATOR', 'ADMIN')).toBe(true);
    expect(isRoleWithin('OWNER', 'ADMIN')).toBe(false);
  });
});
