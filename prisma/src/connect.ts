import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { PrismaClient } from './generated/prisma/client.js';
import { MIGRATIONS_DIR } from './paths';

/** Where the control plane keeps its data. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** Embedded PostgreSQL (PGlite) in a data folder, or `memory://` for a throwaway one. */
  | { kind: 'pglite'; dataDir: string };

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  /** Migrations applied while opening (always empty on PostgreSQL: deploy applies them). */
  readonly appliedMigrations: readonly string[];
  /**
   * One statement with positional parameters (`$1`…) sent straight to the driver, outside
   * Prisma and its transactions: for hot statements with a large parameter, which Prisma would
   * serialize and parse again on the event loop (the last-known index's flush, see
   * LastKnownRepository). Everything else goes through `prisma`.
   */
  query<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the control plane's database. On PostgreSQL the schema must already be
 * migrated (`pnpm db:deploy`); the embedded PGlite database is migrated here,
 * because nothing else can open it while the control plane runs.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target.dataDir);
}

function openPostgres(url: string): Database {
  // One pool for Prisma and `query` alike (the adapter leaves a pool it was given open).
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection's failure (the server restarted) is the pool's to replace; without a
  // listener it would crash the process. Queries report their own failures.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    appliedMigrations: [],
    query: async <T>(sql: string, params: readonly unknown[]) =>
      (await pool.query(sql, [...params])).rows as T[],
    ping: () => prisma.$queryRaw`SELECT 1`.then(() => undefined),
    close: async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await pool.end();
      }
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.includes('://');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  // PGlite is single-process and does not know it: a second process would lose writes.
  const lock: DataDirLock | undefined = inMemory ? undefined : lockDataDir(dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = new PGlite(dataDir);
    await pglite.waitReady;
    // A dynamic import: the engine helper is an ES module shared with the CLI shim.
    const engine = await import('../engine/schema-engine-wasm.mjs');
    const { appliedMigrationNames } = await engine.migrateDeploy(
      await engine.pgliteFactory(pglite),
      MIGRATIONS_DIR,
    );
    const open = pglite;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(open) });
    return {
      kind: 'pglite',
      prisma,
      appliedMigrations: appliedMigrationNames,
      query: async <T>(sql: string, params: readonly unknown[]) =>
        (await open.query<T>(sql, [...params])).rows,
      ping: () => open.query('SELECT 1').then(() => undefined),
      close: async () => {
        try {
          await prisma.$disconnect();
          await open.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    try {
      await pglite?.close();
    } finally {
      lock?.release();
    }
    throw error;
  }
}
