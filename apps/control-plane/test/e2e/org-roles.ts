import { CreateRoleResponseSchema, type Permission } from '@podium/protocol';
import { expect } from 'vitest';
import { type TestBrowser, bodyOf } from './test-browser';

/** Creates the custom role `name` of `org` with these permissions, as `owner`; its name. */
export async function createCustomRole(
  owner: TestBrowser,
  org: string,
  name: string,
  permissions: Permission[],
): Promise<string> {
  const res = await owner.post(`/v2/orgs/${org}/roles`, { name, permissions });
  expect(bodyOf(res, CreateRoleResponseSchema, 201)).toEqual({ name, permissions });
  return name;
}

/** `PUT /v2/orgs/{org}/members/{userId}/roles/{roleName}` (DBOS's grant) as `by`: its status. */
export async function grantRole(
  by: TestBrowser,
  org: string,
  userId: string,
  roleName: string,
): Promise<number> {
  return (await by.put(`/v2/orgs/${org}/members/${userId}/roles/${roleName}`)).status;
}
