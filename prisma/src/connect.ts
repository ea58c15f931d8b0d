import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
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
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    kind: 'postgres',
    prisma,
    appliedMigrations: [],
    ping: () => prisma.$queryRaw`SELECT 1`.then(() => undefined),
    close: () => prisma.$disconnect(),
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
