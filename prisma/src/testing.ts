import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deployMigrations } from './migrate';

/** The server scratch databases are created on: DATABASE_URL's, else the local default. */
export const TEST_SERVER_URL =
  process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const admin = new URL(TEST_SERVER_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required and did not answer at ${admin.host}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A throwaway PostgreSQL database for one test file. `create: false` only names
 * one (for tests of `prisma migrate deploy` creating it); `migrate` applies the schema.
 */
export async function createScratchDatabase(
  options: { create?: boolean; migrate?: boolean } = {},
): Promise<ScratchDatabase> {
  const { create = true, migrate = true } = options;
  const name = `podium_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  if (create) await onServer(`CREATE DATABASE "${name}"`);
  if (create && migrate) await deployMigrations(url.toString());
  return {
    url: url.toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
