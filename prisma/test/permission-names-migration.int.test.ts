import { describe, expect, it } from 'vitest';
import { newOrganization, replayedUpTo, sqlOf } from './replay-migrations';

// The migration to DBOS Conductor's permission model rewrites what is already stored: API keys'
// old permission names, and duplicate live key names. Replayed here on rows written by the
// schema just before it, so its data part is checked, not only its DDL.
const MIGRATION = '20261205003000_custom_roles_and_dbos_permissions';

describe('migrating API keys to DBOS permission names (PostgreSQL)', () => {
  const database = replayedUpTo(MIGRATION);

  it('maps the old names to what they allowed, and renames duplicate live keys', async () => {
    const client = database();
    const orgId = await newOrganization(client);
    const key = async (name: string, permissions: string[], revoked = false) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO api_keys (id, organization_id, name, prefix, secret_hash, permissions, revoked_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $3, $4, $5, now()) RETURNING id`,
        [orgId, name, `pdm_${Math.random()}`, permissions, revoked ? new Date() : null],
      );
      return rows[0]!.id;
    };
    const executor = await key('executors', ['executor:connect']);
    const reader = await key('ci', ['workflows:read']);
    const writer = await key('ci', ['executor:connect', 'workflows:read', 'workflows:write']);
    const revoked = await key('ci', ['workflows:read'], true);

    await client.query(sqlOf(MIGRATION));

    const { rows } = await client.query<{ id: string; name: string; permissions: string[] }>(
      'SELECT id, name, permissions FROM api_keys',
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(executor)).toMatchObject({
      name: 'executors',
      permissions: ['websocket.connect'],
    });
    expect(byId.get(reader)?.permissions).toEqual(['application.read', 'metric.read']);
    expect(byId.get(writer)?.permissions).toEqual([
      'application.read',
      'application.write',
      'metric.read',
      'websocket.connect',
    ]);
    // The first live key by id (uuid v7 ids: the oldest) keeps its name, the next gets its id's
    // start; revoked keys keep theirs.
    const [first, next] = [reader, writer].sort();
    expect(byId.get(first!)?.name).toBe('ci');
    expect(byId.get(next!)?.name).toBe(`ci-${next!.slice(0, 8)}`);
    expect(byId.get(revoked)?.name).toBe('ci');
  });
});
