import { describe, expect, it } from 'vitest';
import { DOMAIN_CLAIM_ROLE, PERMISSIONS, ROLE_PERMISSIONS } from '../src/index';

describe('the built-in roles', () => {
  it('gives MEMBER what DBOS gives an "Organization Member": all but organization.write', () => {
    expect(ROLE_PERMISSIONS.MEMBER).toEqual(
      PERMISSIONS.filter((permission) => permission !== 'organization.write'),
    );
    expect(ROLE_PERMISSIONS.ADMIN).toEqual(PERMISSIONS);
  });

  it('gives an unverified address at a claimed domain no power over keys or executor links', () => {
    const given = ROLE_PERMISSIONS[DOMAIN_CLAIM_ROLE];
    for (const permission of ['token.read', 'token.write', 'websocket.connect'] as const) {
      expect(given).not.toContain(permission);
    }
  });
});
