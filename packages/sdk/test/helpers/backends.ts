/**
 * The two storage backends every integration suite runs against. PostgreSQL gets a fresh
 * database per test file (dropped afterwards); PGlite gets one in-memory instance per file,
 * handed to every Podium of the file through the `pglite` option, so each suite also checks
 * that shutting a Podium down never closes an instance it was given.
 * PostgreSQL being unreachable fails the suite loudly: it is never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { PodiumOptions } from '../../src';

export const ADMIN_URL =
  process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  readonly name: 'postgres' | 'pglite';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Options selecting this backend's database. */
  database(): Pick<PodiumOptions, 'databaseUrl' | 'pglite'>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the SDK integration tests but is unreachable at ${ADMIN_URL} ` +
        `(${String(error)}). Start PostgreSQL or set DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database; returns its URL and a function dropping it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `podium_sdk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export function postgresBackend(): Backend {
  let database: { url: string; drop(): Promise<void> } | undefined;
  return {
    name: 'postgres',
    async setup() {
      database = await createTestDatabase();
    },
    async teardown() {
      await database?.drop();
    },
    database() {
      if (database === undefined) throw new Error('postgres backend not set up');
      return { databaseUrl: database.url };
    },
  };
}

export function pgliteBackend(): Backend {
  let instance: PGlite | undefined;
  return {
    name: 'pglite',
    async setup() {
      instance = await PGlite.create();
    },
    async teardown() {
      await instance?.close();
    },
    database() {
      if (instance === undefined) throw new Error('pglite backend not set up');
      return { pglite: instance };
    },
  };
}

export const BACKENDS: (() => Backend)[] = [postgresBackend, pgliteBackend];
