import { describe, expect, it } from 'vitest';
import { newOrganization, replayedUpTo, sqlOf } from './replay-migrations';

// The built-in MEMBER role (added by the migration before this one) takes a name custom roles
// could hold before, in any case.
const MIGRATION = '20261205230000_custom_roles_named_member';

describe('adding the built-in MEMBER role (PostgreSQL)', () => {
  const database = replayedUpTo(MIGRATION);

  it('renames custom roles named like it, and no others', async () => {
    const client = database();
    const orgId = await newOrganization(client);
    const role = async (name: string) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO custom_roles (id, organization_id, name, permissions)
         VALUES (gen_random_uuid(), $1, $2, '{application.read}') RETURNING id`,
        [orgId, name],
      );
      return rows[0]!.id;
    };
    const lower = await role('member');
    const upper = await role('MEMBER');
    const other = await role('members');

    await client.query(sqlOf(MIGRATION));

    const { rows } = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM custom_roles',
    );
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const idStart = (id: string) => id.replaceAll('-', '').slice(0, 8);
    expect(names.get(lower)).toBe(`member_${idStart(lower)}`);
    expect(names.get(upper)).toBe(`MEMBER_${idStart(upper)}`);
    expect(names.get(other)).toBe('members');
    const { rows: values } = await client.query<{ value: string }>(
      `SELECT unnest(enum_range(NULL::"Role"))::text AS value`,
    );
    expect(values.map((v) => v.value)).toEqual(['OWNER', 'ADMIN', 'MEMBER', 'OPERATOR', 'VIEWER']);
  });
});
