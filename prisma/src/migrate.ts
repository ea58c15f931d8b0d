import { MIGRATIONS_DIR } from './paths';

/** Applies pending migrations (`prisma migrate deploy`, in-process) to a PostgreSQL database. */
export async function deployMigrations(url: string): Promise<string[]> {
  const engine = await import('../engine/schema-engine-wasm.mjs');
  const result = await engine.migrateDeploy(await engine.pgFactory(url), MIGRATIONS_DIR);
  return result.appliedMigrationNames;
}
