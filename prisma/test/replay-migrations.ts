import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { MIGRATIONS_DIR } from '../src/paths';
import { createScratchDatabase, type ScratchDatabase } from '../src/testing';

/** The SQL of one migration. */
export function sqlOf(migration: string): string {
  return fs.readFileSync(path.join(MIGRATIONS_DIR, migration, 'migration.sql'), 'utf8');
}

/**
 * For the tests of one file: a scratch database with every migration before `migration`
 * applied, in order, so they write rows as the schema stood and then check what `migration`
 * does to them (its data part, not only its DDL). Returns the client on it.
 */
export function replayedUpTo(migration: string): () => Client {
  let database: ScratchDatabase | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    database = await createScratchDatabase({ migrate: false });
    client = new Client({ connectionString: database.url });
    await client.connect();
    const before = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+_/.test(name) && name < migration)
      .sort();
    for (const name of before) await client.query(sqlOf(name));
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  return () => {
    if (!client) throw new Error('the replayed database is not ready');
    return client;
  };
}

/** A new organization's id (the rows the migrations' data parts work on belong to one). */
export async function newOrganization(client: Client, name = 'acme'): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO organizations (id, name, display_name, updated_at)
     VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}
