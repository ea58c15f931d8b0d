import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, RoleParamsSchema, builtInRoleNamed } from '../src/index';

describe("DBOS Conductor's built-in roles", () => {
  it('gives MEMBER what DBOS gives an "Organization Member": all but organization.write', () => {
    expect(ROLE_PERMISSIONS.MEMBER).toEqual(
      PERMISSIONS.filter((permission) => permission !== 'organization.write'),
    );
    expect(ROLE_PERMISSIONS.ADMIN).toEqual(PERMISSIONS);
  });

  it("resolves a role by Podium's name or DBOS's, and nothing else", () => {
    expect(builtInRoleNamed('Organization Admin')).toBe('ADMIN');
    expect(builtInRoleNamed('Organization Member')).toBe('MEMBER');
    expect(builtInRoleNamed('VIEWER')).toBe('VIEWER');
    expect(builtInRoleNamed('organization member')).toBeNull();
    expect(builtInRoleNamed('toString')).toBeNull();
    expect(builtInRoleNamed('auditors')).toBeNull();
  });

  it("accepts DBOS's spaced names in a path, but no other name with a space", () => {
    expect(RoleParamsSchema.parse({ roleName: 'Organization Member' })).toEqual({
      roleName: 'Organization Member',
    });
    expect(RoleParamsSchema.safeParse({ roleName: 'Organization Owner' }).success).toBe(false);
    expect(RoleParamsSchema.safeParse({ roleName: 'auditors' }).success).toBe(true);
  });
});
