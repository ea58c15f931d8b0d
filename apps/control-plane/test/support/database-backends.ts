import { openDatabase, type Database, type DatabaseTarget } from '@podium/db';
import { createScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll } from 'vitest';

/** A database to run a test on, and how to drop it afterwards (PGlite in memory needs none). */
export type DatabaseBackend = [
  name: string,
  make: () => Promise<{ target: DatabaseTarget; drop?: () => Promise<void> }>,
];

/** Both databases the control plane runs on: a scratch PostgreSQL one and PGlite in memory. */
export const DATABASE_BACKENDS: DatabaseBackend[] = [
  [
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      return { target: { kind: 'postgres', url: scratch.url }, drop: () => scratch.drop() };
    },
  ],
  ['PGlite', () => Promise.resolve({ target: { kind: 'pglite', dataDir: 'memory://' } })],
];

/**
 * Opens a backend's database before the suite's own `beforeAll` hooks (register it first) and
 * closes and drops it after the suite; the returned function reads it once opened.
 */
export function useDatabase(make: DatabaseBackend[1]): () => Database {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await make();
    drop = database.drop;
    db = await openDatabase(database.target);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });
  return () => {
    if (!db) throw new Error('useDatabase: the database opens in beforeAll');
    return db;
  };
}
